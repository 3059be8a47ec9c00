package dev.slope.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's advice on {@code dev.slope.nn.Module}, which shares its simple name with
 * {@code java.lang.Module}: an on-demand import alone leaves it ambiguous; adding the single-type
 * import compiles.
 */
class ModuleImportTest {
    private static String compile(Path dir, String source) throws IOException {
        Path file = Files.writeString(dir.resolve("UserCode.java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        boolean ok = javac.getTask(messages, null, null, List.of("-proc:none", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), "-d", dir.toString()), null, javac.getStandardFileManager(null, null, null)
                .getJavaFileObjects(file)).call();
        return ok ? "" : messages.toString();
    }

    @Test
    void aSingleTypeImportResolvesModuleWhereAnOnDemandImportAloneIsAmbiguous(@TempDir Path dir) throws IOException {
        String ambiguous = compile(dir, "import dev.slope.nn.*;\nclass UserCode { Module m = new Sequential(); }\n");
        assertTrue(ambiguous.contains("reference to Module is ambiguous"), ambiguous);
        assertEquals("", compile(dir, "import dev.slope.nn.*;\nimport dev.slope.nn.Module;\nclass UserCode { Module m = new Sequential(); }\n"));
    }
}
