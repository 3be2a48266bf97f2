package org.haven.cli.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.haven.cli.CliFailure;
import org.haven.cli.ExitCodes;

/**
 * A pipeline definition file as it is sent: its YAML text with each placeholder {@code ${NAME}} (upper-case letters,
 * digits and '_') replaced by the value {@code --set NAME=value} gives, so one file serves every tenant and dataset.
 * A placeholder without a value, or a value for no placeholder, is refused before anything is sent.
 */
final class PipelineFile {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    private PipelineFile() {}

    static String read(Path file, Map<String, String> values) {
        String text;
        try {
            // Decoded strictly: a file in another encoding is refused here, not applied with replaced characters.
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new CliFailure(file + " is not UTF-8 text", ExitCodes.USAGE);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage(), ExitCodes.USAGE);
        }
        return substitute(text, values);
    }

    static String substitute(String text, Map<String, String> values) {
        Set<String> missing = new TreeSet<>();
        Set<String> used = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.get(name);
            if (value == null) {
                missing.add(name);
                value = matcher.group();
            } else {
                used.add(name);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        if (!missing.isEmpty()) {
            throw new CliFailure("the definition needs a value for " + String.join(", ", missing) + " (add --set "
                    + missing.iterator().next() + "=VALUE)", ExitCodes.USAGE);
        }
        Set<String> unused = new TreeSet<>(values.keySet());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw new CliFailure("--set names " + String.join(", ", unused) + ", which the definition does not use as ${NAME}",
                    ExitCodes.USAGE);
        }
        return result.toString();
    }
}
