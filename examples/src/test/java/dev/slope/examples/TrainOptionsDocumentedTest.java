package dev.slope.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slope.examples.train.TrainCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every option of `slope train` and what it does: the README's table says what `slope train --help` says, no more, no less. */
class TrainOptionsDocumentedTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(--[a-z-]+)` \\| (.*) \\|$");

    @Test
    void theReadmeTableAndTheHelpAgree() throws IOException {
        Map<String, String> help = new LinkedHashMap<>();
        CommandLine cl = new CommandLine(new TrainCommand());
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            String text = String.join(" ", o.description());
            help.put(o.longestName(), text.replace("${DEFAULT-VALUE}", o.defaultValueString() == null ? "" : o.defaultValueString()));
        }
        Map<String, String> readme = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            if (line.startsWith("#")) inTable = line.contains("`./slope train` options");
            Matcher m = ROW.matcher(line);
            if (inTable && m.matches()) readme.put(m.group(1), m.group(2).replace("\\|", "|"));
        }
        assertEquals(help, readme, "README.md's table under '`./slope train` options' and `slope train --help`");
    }
}
