package org.haven.server.ingest.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.haven.server.web.StreamedBodyRoutes;
import org.springframework.stereotype.Component;

/** The two routes whose bodies are file content, limited by {@code haven.uploads.*} instead of the request cap. */
@Component
class UploadRoutes implements StreamedBodyRoutes {

    private static final Pattern STREAMED_FILE = Pattern.compile("/api/v1/sources/[^/]+/files");
    private static final Pattern PART = Pattern.compile("/api/v1/uploads/[^/]+/parts/[^/]+");

    @Override
    public boolean matches(HttpServletRequest request) {
        String path = request.getRequestURI();
        return ("POST".equals(request.getMethod()) && STREAMED_FILE.matcher(path).matches())
                || ("PUT".equals(request.getMethod()) && PART.matcher(path).matches());
    }
}
