/** The catalog's storage, rules, services and HTTP endpoints; not API. */
package org.haven.server.catalog.internal;
