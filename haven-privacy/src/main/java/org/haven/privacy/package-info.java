/**
 * Haven's privacy library: what de-identification does to each field and with which keys. It owns the treatments
 * (keep, drop, tokenise, pseudonymise, encrypt, generalise, mask), the {@link org.haven.privacy.PrivacyPolicy} that
 * assigns them by identifier type and per field, the {@link org.haven.privacy.Deidentifier} that applies a policy to
 * typed records, Tink keysets per tenant and scope wrapped by a master key ({@link org.haven.privacy.KeyRing}), the
 * k-anonymity assessment and search ({@link org.haven.privacy.KAnonymity}) and disclosure control for count tables
 * ({@link org.haven.privacy.DisclosureControl}). Permissions, grants, auditing and storage of datasets belong to
 * the server; this package only computes. {@code org.haven.privacy.internal} is not API.
 */
package org.haven.privacy;
