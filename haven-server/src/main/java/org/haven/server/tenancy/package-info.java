/**
 * Organisations and their work: tenants (with an optional parent), the roles people and apps hold in them,
 * projects hosted by a tenant with partner tenants, project admins and data users, and apps (service accounts)
 * with their API keys. Every change writes its rows and the relationships that grant access in one transaction.
 */
package org.haven.server.tenancy;
