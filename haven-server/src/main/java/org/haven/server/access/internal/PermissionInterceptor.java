package org.haven.server.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.haven.authz.AuthzException;
import org.haven.authz.ObjectRef;
import org.haven.authz.SubjectRef;
import org.haven.server.web.AuthorizesOnData;
import org.haven.server.web.PublicEndpoint;
import org.haven.server.web.RequiresPermission;
import org.haven.server.authz.Authorizer;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.CurrentPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Checks the permission an API endpoint declares before its handler runs. Fails closed: an endpoint under
 * {@code /api} that declares nothing is refused, so a forgotten annotation cannot open a hole.
 */
@Component
class PermissionInterceptor implements HandlerInterceptor {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");

    private static final Logger log = LoggerFactory.getLogger(PermissionInterceptor.class);

    private final Authorizer authorizer;
    private final AccessDecisions decisions;

    PermissionInterceptor(Authorizer authorizer, AccessDecisions decisions) {
        this.authorizer = authorizer;
        this.decisions = decisions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !request.getRequestURI().startsWith("/api/")) {
            return true;
        }
        if (method.hasMethodAnnotation(PublicEndpoint.class)) {
            return true;
        }
        AuthorizesOnData scoped = method.getMethodAnnotation(AuthorizesOnData.class);
        if (scoped != null) {
            if (!scoped.auditsItsDecision()) {
                decisions.scoped(scoped.value(), request);
            }
            return true;
        }
        RequiresPermission required = method.getMethodAnnotation(RequiresPermission.class);
        if (required == null) {
            log.error("Refusing {} {}: {} declares no permission", request.getMethod(), request.getRequestURI(), method.getShortLogMessage());
            throw new HavenException(ErrorCode.FORBIDDEN, "This endpoint is not available");
        }
        ObjectRef resource = resource(required, request);
        SubjectRef subject = CurrentPrincipal.require().subject();
        if (authorizer.check(subject, resource, required.permission(), context(required, request))) {
            decisions.allowed(resource, required.permission(), request);
            return true;
        }
        // Hide existence only where there is something to hide: a resource the caller cannot even see.
        boolean hidden = !required.visibleWith().isEmpty() && !authorizer.check(subject, resource, required.visibleWith());
        decisions.denied(resource, required.permission(), hidden ? "cannot see the resource" : "lacks " + required.permission(), request);
        if (!hidden) {
            throw new HavenException(ErrorCode.FORBIDDEN, "You need the '" + required.permission() + "' permission on this " + required.resourceType());
        }
        throw new HavenException(ErrorCode.NOT_FOUND, "No such " + required.resourceType());
    }

    private static Map<String, Object> context(RequiresPermission required, HttpServletRequest request) {
        if (required.contextFrom().length == 0) {
            return Map.of();
        }
        Map<String, String> variables = pathVariables(request);
        Map<String, Object> context = new HashMap<>();
        for (String name : required.contextFrom()) {
            String value = variables.get(name);
            if (value == null) {
                throw new IllegalStateException("@RequiresPermission passes path variable '" + name + "', which the route lacks");
            }
            context.put(name, WHOLE_NUMBER.matcher(value).matches() ? (Object) Long.parseLong(value) : value);
        }
        return context;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> pathVariables(HttpServletRequest request) {
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables == null ? Map.of() : variables;
    }

    private static ObjectRef resource(RequiresPermission required, HttpServletRequest request) {
        String id = required.id();
        if (id.isEmpty()) {
            id = pathVariables(request).get(required.idFrom());
            if (id == null) {
                throw new IllegalStateException("@RequiresPermission names path variable '" + required.idFrom() + "', which the route lacks");
            }
        }
        try {
            return ObjectRef.of(required.resourceType(), id);
        } catch (AuthzException malformedId) {
            // An id no resource can have: answer as for any other unknown id.
            throw new HavenException(ErrorCode.NOT_FOUND, "No such " + required.resourceType());
        }
    }
}
