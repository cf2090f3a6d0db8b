package dev.outreach;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.FieldVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Which tables each class's SQL writes and reads, found in the string constants of its bytecode
 * (text blocks, literals and the constant parts of concatenations), so comments never count and
 * SQL built from pieces still does. Only names of tables the Flyway migrations create count, so
 * prose such as "update the lead" in a message is not taken for SQL unless it names a real table.
 */
record SqlTableUse(JavaClass owner, String module, String table, Kind kind) {

    enum Kind { WRITE, READ }

    private static final Pattern CREATE_TABLE = Pattern.compile("create table (?:if not exists )?(\\w+)");
    /** Statements that change a table, in the shapes SQL has and prose does not ("update lead set", "copy lead ("). */
    private static final Pattern WRITE = Pattern.compile("\\b(?:insert into (\\w+)|update (\\w+) (?:\\w+ )?set\\b"
            + "|delete from (\\w+)|merge into (\\w+)|copy (\\w+) \\(|truncate (?:table )?(\\w+))");
    /** Reads count from the first SELECT on, so that "sent from mailbox" in a log message is prose. */
    private static final Pattern SELECT = Pattern.compile("\\bselect\\b");
    private static final Pattern READ = Pattern.compile("(?<!delete )\\b(?:from|join) (\\w+)");

    /** Every table the migrations create, PostgreSQL-only ones included. */
    static Set<String> tablesInMigrations() {
        Set<String> tables = new TreeSet<>();
        try {
            for (Resource migration : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/**/*.sql")) {
                Matcher create = CREATE_TABLE.matcher(normalized(migration.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)));
                while (create.find()) {
                    tables.add(create.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    /** The table uses of every class under {@code dev.outreach.<module>}. */
    static List<SqlTableUse> scan(JavaClasses classes, Set<String> tables) {
        List<SqlTableUse> uses = new ArrayList<>();
        for (JavaClass type : classes) {
            String module = moduleOf(type);
            if (module == null) {
                continue;
            }
            for (String constant : stringConstants(type)) {
                String sql = normalized(constant);
                add(uses, type, module, tables, WRITE.matcher(sql), Kind.WRITE);
                Matcher select = SELECT.matcher(sql);
                if (select.find()) {
                    add(uses, type, module, tables, READ.matcher(sql).region(select.start(), sql.length()),
                            Kind.READ);
                }
            }
        }
        return uses.stream().distinct().toList();
    }

    /** {@code dev.outreach.cadence.ui.X} is in module {@code cadence}; classes in {@code dev.outreach} itself are in none. */
    static String moduleOf(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith("dev.outreach.")) {
            return null;
        }
        String rest = name.substring("dev.outreach.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static void add(List<SqlTableUse> uses, JavaClass type, String module, Set<String> tables, Matcher matcher,
            Kind kind) {
        while (matcher.find()) {
            for (int group = 1; group <= matcher.groupCount(); group++) {
                if (matcher.group(group) != null && tables.contains(matcher.group(group))) {
                    uses.add(new SqlTableUse(type, module, matcher.group(group), kind));
                }
            }
        }
    }

    private static String normalized(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** The string constants a class loads, and those a string concatenation's recipe carries. */
    private static List<String> stringConstants(JavaClass type) {
        List<String> constants = new ArrayList<>();
        var source = type.getSource().orElseThrow(() -> new IllegalStateException("No class file for " + type.getName()));
        try (InputStream in = source.getUri().toURL().openStream()) {
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                        Object value) {
                    if (value instanceof String text) {
                        constants.add(text);
                    }
                    return null;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitLdcInsn(Object value) {
                            if (value instanceof String text) {
                                constants.add(text);
                            }
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                                Object... arguments) {
                            for (Object argument : arguments) {
                                if (argument instanceof String text) {
                                    constants.add(text);
                                }
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return constants;
    }

    @Override
    public String toString() {
        return owner.getName() + " (" + module + ") " + kind.name().toLowerCase(Locale.ROOT) + "s " + table;
    }
}
