package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.haven.formats.internal.DecodedInput;
import org.junit.jupiter.api.Test;

/** The implementation package shows only the entry points the API calls; everything else stays package-private. */
class PackageBoundaryTest {

    @Test
    void onlyEntryPointsArePublicInTheImplementationPackage() throws IOException, URISyntaxException {
        Path internal = Path.of(DecodedInput.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/haven/formats/internal");
        List<String> publicClasses;
        try (Stream<Path> files = Files.list(internal)) {
            publicClasses = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$") && !name.startsWith("package-info"))
                    .map(name -> "org.haven.formats.internal." + name.substring(0, name.length() - ".class".length()))
                    .filter(PackageBoundaryTest::isPublic)
                    .sorted()
                    .collect(Collectors.toList());
        }
        assertThat(publicClasses).containsExactly(
                "org.haven.formats.internal.CsvRecordReader",
                "org.haven.formats.internal.DecodedInput",
                "org.haven.formats.internal.JsonRecordReader");
    }

    private static boolean isPublic(String className) {
        try {
            return Modifier.isPublic(Class.forName(className).getModifiers());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
