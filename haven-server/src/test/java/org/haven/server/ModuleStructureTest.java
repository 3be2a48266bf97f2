package org.haven.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The capability modules only use each other's public API (their package root), never their internals. */
class ModuleStructureTest {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(HavenApplication.class).verify();
    }
}
