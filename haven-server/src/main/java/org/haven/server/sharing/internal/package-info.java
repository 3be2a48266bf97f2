/** Grant storage, rules and HTTP endpoints; not API. */
package org.haven.server.sharing.internal;
