package org.haven.server.identity;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request's proven identity, as held by Spring Security for the duration of the request. */
public final class HavenAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    /** How the caller proved who they are. */
    public enum Method {
        OIDC_TOKEN,
        LOCAL_TOKEN,
        API_KEY,
        PERSONAL_ACCESS_TOKEN
    }

    private final transient Principal principal;
    private final Method method;

    public HavenAuthentication(Principal principal, Method method) {
        super(List.of());
        this.principal = principal;
        this.method = method;
        setAuthenticated(true);
    }

    @Override
    public Principal getPrincipal() {
        return principal;
    }

    /** Never the credential itself: it is not kept after authentication. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return principal.subjectType() + ":" + principal.id();
    }

    public Method method() {
        return method;
    }
}
