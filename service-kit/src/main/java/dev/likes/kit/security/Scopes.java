package dev.likes.kit.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The scopes a token may carry, in its {@code scope} claim (space-separated), and how to ask for one. Spring Security
 * maps each scope {@code x} to the authority {@code SCOPE_x}; this is the one place the suite names them, next to the
 * other token rules, so a service never spells an authority by hand.
 */
public final class Scopes {

    /**
     * A service registering posts for any owner and deleting any post (a platform's backend, an importer). A user's
     * token never carries it: a user registers and deletes only the posts whose owner is its {@code sub}.
     */
    public static final String POSTS_WRITE = "posts:write";

    private static final String AUTHORITY_PREFIX = "SCOPE_";

    private Scopes() {}

    /** The authority Spring Security grants for {@code scope}, for {@code hasAuthority(...)} rules. */
    public static String authority(String scope) {
        return AUTHORITY_PREFIX + scope;
    }

    /** Whether the caller's token carries {@code scope}. */
    public static boolean granted(Authentication caller, String scope) {
        if (caller == null) {
            return false;
        }
        String wanted = authority(scope);
        for (GrantedAuthority authority : caller.getAuthorities()) {
            if (wanted.equals(authority.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
