package org.haven.fhir.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

import org.haven.fhir.FhirError;
import org.haven.fhir.FhirSourceException;

/**
 * Turns a Bundle's {@code next} link into the URL to fetch. The link is used as given (absolute, relative to the
 * base, or HAPI's {@code ?_getpages=} form), never rebuilt from our own parameters: paging state is the server's.
 * A link to another origin is refused, because following it would send the credential there.
 */
public final class NextLinks {

    private NextLinks() {
    }

    public static URI resolve(URI baseUrl, URI pageUrl, String link) {
        URI target;
        try {
            target = baseUrl.resolve(new URI(link.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FhirSourceException(FhirError.INVALID_RESPONSE, pageUrl, 200,
                    pageUrl + " gave a next link that is not a URL", null);
        }
        if (!sameOrigin(baseUrl, target)) {
            throw new FhirSourceException(FhirError.INVALID_RESPONSE, pageUrl, 200, pageUrl
                    + " gave a next link to another origin (" + target.getScheme() + "://" + target.getAuthority()
                    + "); it is not followed", null);
        }
        return target;
    }

    /** Same scheme, host and port (the default port when none is written). */
    public static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getHost() != null
                && a.getScheme().equalsIgnoreCase(Objects.toString(b.getScheme(), ""))
                && a.getHost().toLowerCase(Locale.ROOT)
                        .equals(Objects.toString(b.getHost(), "").toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
