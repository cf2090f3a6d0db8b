package dev.outreach.content;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import com.samskivert.mustache.Escapers;
import dev.outreach.shared.InvalidInputException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Renders JMustache templates. A missing or empty variable renders as nothing, never as an
 * error. For HTML output every value is escaped before it reaches the template, so even a
 * triple mustache ({@code {{{company}}}}) cannot put lead data into the markup unescaped.
 * Partials ({@code {{> name}}}) are refused: templates cannot read anything but their values.
 */
@Component
public class TemplateRenderer {

    private static final Pattern LINE = Pattern.compile("\\s*@ line (\\d+)\\s*$");

    private final Mustache.Compiler compiler = Mustache.compiler()
            .defaultValue("")
            .escapeHTML(false)
            .withLoader(TemplateRenderer::refusePartial);

    /** Compiled templates by their text: the tick renders the same few templates for thousands of leads. */
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    /** Parses {@code text}; a syntax error is an {@link InvalidInputException} on {@code field} naming the line. */
    public Template compile(String field, String text) {
        String source = text == null ? "" : text;
        Template known = compiled.get(source);
        if (known != null) {
            return known;
        }
        Template template = parse(field, source);
        if (compiled.size() < 1_000) { // edited texts pile up; past this they are compiled each time
            compiled.put(source, template);
        }
        return template;
    }

    private Template parse(String field, String source) {
        int open = source.lastIndexOf("{{");
        if (open >= 0 && source.indexOf("}}", open) < 0) {
            // JMustache would send an unclosed tag to the lead as text
            int line = (int) source.substring(0, open).chars().filter(c -> c == '\n').count() + 1;
            throw new InvalidInputException(field, "Line " + line + ": \"{{\" is never closed with \"}}\"");
        }
        try {
            return compiler.compile(source);
        } catch (MustacheException invalid) {
            throw new InvalidInputException(field, describe(invalid));
        }
    }

    /** The names the text uses as variables or sections, in order of first use; syntax errors as in {@link #compile}. */
    public java.util.Set<String> variables(String field, String text) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        compile(field, text).visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                names.add(name);
            }

            @Override
            public boolean visitInclude(String name) {
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                names.add(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                names.add(name);
                return true;
            }
        });
        return names;
    }

    /** The text with the values filled in (plain text: values as they are). */
    public String renderText(String field, String text, Map<String, String> values) {
        return execute(field, compile(field, text), values);
    }

    /** HTML: each value escaped, line breaks kept as {@code <br>}. The template's own text is admin-written and kept. */
    public String renderHtml(String field, String text, Map<String, String> values) {
        Map<String, String> escaped = new LinkedHashMap<>();
        values.forEach((name, value) -> escaped.put(name, Escapers.HTML.escape(value)));
        return execute(field, compile(field, text), escaped).replace("\r\n", "\n").replace("\n", "<br>\n");
    }

    /** Plain text as HTML: everything escaped (for text nobody reviewed, such as a generated message). */
    public static String textAsHtml(String text) {
        return Escapers.HTML.escape(text).replace("\r\n", "\n").replace("\n", "<br>\n");
    }

    private static String execute(String field, Template template, Map<String, String> values) {
        try {
            return template.execute(values);
        } catch (MustacheException invalid) {
            throw new InvalidInputException(field, describe(invalid));
        }
    }

    static String describe(MustacheException invalid) {
        String message = invalid.getMessage() == null ? "Template error" : invalid.getMessage();
        Matcher line = LINE.matcher(message);
        return line.find() ? "Line " + line.group(1) + ": " + message.substring(0, line.start()).strip() : message;
    }

    private static Reader refusePartial(String name) {
        throw new MustacheException("Partials are not supported: {{> " + name + "}}");
    }
}
