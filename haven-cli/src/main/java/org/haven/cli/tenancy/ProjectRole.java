package org.haven.cli.tenancy;

/** The roles a project grants, spelled as the API spells them. */
enum ProjectRole {
    project_admin,
    data_user
}
