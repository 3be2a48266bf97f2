package org.haven.server.fhir.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeyScope;
import org.haven.server.errors.FieldErrors;
import org.haven.server.errors.HavenException;
import org.haven.server.errors.ErrorCode;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cursors of the read API's pages: the sort key of the last row shown, encrypted with the tenant's encryption keyset.
 * The key can be a patient id or a time that the caller's result type shows transformed, so it travels sealed; and
 * the associated data binds it to the listing, the caller and the filters, so a cursor copied into another search,
 * or handed to another caller, does not open.
 */
@Component
class PageCursors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeyRing keys;

    PageCursors(KeyRing keys) {
        this.keys = keys;
    }

    /**
     * What a cursor belongs to: one listing of one source, for one caller, with one set of filters.
     *
     * @param filters the normalised filter values; only their combination matters, so they are not kept in the cursor
     */
    record Binding(UUID tenantId, String listing, UUID sourceId, String subject, List<String> filters) {

        private byte[] associatedData() {
            return JSON.writeValueAsBytes(List.of("fhir-page", listing, sourceId.toString(), subject, filters));
        }
    }

    String seal(Binding binding, List<String> position) {
        try {
            byte[] sealed = keys.forScope(KeyScope.tenant(binding.tenantId().toString())).encrypter()
                    .encrypt(JSON.writeValueAsBytes(position), binding.associatedData());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new HavenException(ErrorCode.UNAVAILABLE, "The next page's cursor could not be made", e);
        }
    }

    /** The position a cursor names, or null (with a problem added) when this search did not issue it. */
    List<String> open(Binding binding, String cursor, FieldErrors errors) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            if (cursor.length() <= 2_000) {
                byte[] plain = keys.forScope(KeyScope.tenant(binding.tenantId().toString())).encrypter()
                        .decrypt(Base64.getUrlDecoder().decode(cursor), binding.associatedData());
                return JSON.readValue(new String(plain, StandardCharsets.UTF_8), new TypeReference<List<String>>() { });
            }
        } catch (GeneralSecurityException | IllegalArgumentException | JacksonException e) {
            // reported below, like any other cursor this search did not issue
        }
        errors.add("cursor", "is not one this search issued (cursors belong to one search, its filters and caller)");
        return null;
    }
}
