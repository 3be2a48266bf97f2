/**
 * Tenancy: tenants, projects and apps, their members and roles, and app keys ({@code haven tenants},
 * {@code haven projects}, {@code haven apps}).
 */
package org.haven.cli.tenancy;
