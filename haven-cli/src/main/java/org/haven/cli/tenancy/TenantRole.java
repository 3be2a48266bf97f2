package org.haven.cli.tenancy;

/**
 * The roles a tenant grants, spelled as the API spells them, so a mistyped role is refused before anything is
 * sent.
 */
enum TenantRole {
    organisation_admin,
    data_source_manager,
    data_set_manager,
    member,
    reidentifier
}
