package io.platinur.git;

import io.platinur.domain.digest.PinFileProblem;
import io.platinur.domain.digest.PinKey;
import io.platinur.domain.proposal.RepoPath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads and rewrites one scalar in a YAML file — a pin such as {@code image.digest} in a values
 * file — changing only that scalar's bytes: comments, key order, indentation, quoting, anchors,
 * line endings and every other byte stay as they were.
 *
 * <p>The scalar is found by its position, as SnakeYAML Engine's parser reports it, under a path of
 * mapping keys from the document's root. Refused, with a {@link PinFileProblem} and nothing
 * changed: a file that is not UTF-8, that does not parse, that holds more than one document; a key
 * that is missing, given twice, written without a colon ({@code ? digest}, {@code {digest}}), or
 * whose value is a mapping or a list; and a value Platinur does not rewrite in place — an alias, an
 * anchored or tagged scalar (whatever aliases it would change too), a block scalar ({@code |} or
 * {@code >}), or a scalar inside an anchored mapping or list that an alias or a merge key
 * ({@code <<: *base}) reuses, which would change that copy too.
 *
 * <p>A new value keeps the scalar's quoting style: plain stays plain when the value can be written
 * plain (otherwise it is double-quoted), single-quoted stays single-quoted, double-quoted stays
 * double-quoted. An empty value is written after its key's colon and one space, with a space before
 * a comment that follows ({@code minAvailable: # 1}). Every rewrite is read back before it is
 * returned; one that would not read back as written is refused
 * ({@link PinFileProblem.NotRewritable}), never thrown.
 *
 * <p>Thread-safe: it holds no state.
 */
public final class YamlScalarEditor {
  private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z_./@+][A-Za-z0-9_./@+:=-]*");
  /** Plain words YAML reads as something other than a string. */
  private static final Pattern PLAIN_NOT_A_STRING = Pattern.compile("(?i)true|false|null|yes|no|on|off|y|n|\\.nan|\\.inf");

  private YamlScalarEditor() {}

  /** The scalar's value at {@code key} in {@code content} (the bytes of {@code file}). */
  public static Either<PinFileProblem, String> read(RepoPath file, byte[] content, PinKey key) {
    return locate(file, content, key).map(found -> found.event.getValue());
  }

  /**
   * {@code content} with the scalar at {@code key} set to {@code value}, every other byte unchanged.
   * The same bytes come back when the scalar already holds {@code value}.
   */
  public static Either<PinFileProblem, byte[]> write(RepoPath file, byte[] content, PinKey key, String value) {
    return locate(file, content, key).flatMap(found -> {
      if (found.event.getValue().equals(value)) {
        return Either.right(content);
      }
      byte[] bytes = found.rewritten(value).getBytes(StandardCharsets.UTF_8);
      // A rewrite that would mean something else (or not parse) is refused, never returned.
      boolean readsBack = read(file, bytes, key).fold(problem -> false, value::equals);
      return readsBack ? Either.right(bytes) : Either.left(new PinFileProblem.NotRewritable(file, key));
    });
  }

  // ---- finding the scalar ---------------------------------------------------------------------

  private static final class Found {
    final String text;
    final ScalarEvent event;

    Found(String text, ScalarEvent event) {
      this.text = text;
      this.event = event;
    }

    /** Where the scalar starts in {@link #text} (the parser counts code points). */
    int start() {
      return text.offsetByCodePoints(0, event.getStartMark().get().getIndex());
    }

    /** Whether the scalar is an empty plain value: it has no bytes of its own. */
    boolean empty() {
      return event.getValue().isEmpty() && event.getScalarStyle() == ScalarStyle.PLAIN;
    }

    /** The text with the scalar's bytes replaced by {@code value} in the scalar's style. */
    String rewritten(String value) {
      int start = start();
      if (empty()) {
        // Right after the key's colon: one space before the value, and one after it when a comment follows
        // (‘minAvailable: # 1’ becomes ‘minAvailable: sha256:… # 1’, never ‘sha256:…# 1’).
        int at = start < text.length() && text.charAt(start) == ' ' ? start + 1 : start;
        boolean commentFollows = at < text.length() && text.charAt(at) == '#';
        return text.substring(0, at) + (at == start ? " " : "") + render(ScalarStyle.PLAIN, value) + (commentFollows ? " " : "")
            + text.substring(at);
      }
      int end = text.offsetByCodePoints(0, event.getEndMark().get().getIndex());
      return text.substring(0, start) + render(event.getScalarStyle(), value) + text.substring(end);
    }
  }

  /** An anchored mapping or list, by its place among the file's anchor definitions (a name may be defined again). */
  private record Anchored(int definition, String name) {}

  /** What the walk over the events found at the key's path, and the anchors and aliases on the way. */
  private static final class Search {
    final Seq<String> segments;
    Event value;
    int matches;
    /** The anchored mappings and lists that enclose the match. */
    Seq<Anchored> enclosingMatch = List.empty();
    /** The anchored mappings and lists that enclose the walk's position, innermost first. */
    List<Anchored> enclosing = List.empty();
    /** Each anchor name's latest definition: an alias refers to it. */
    final Map<String, Integer> definitions = new HashMap<>();
    /** The definitions an alias or a merge key refers to. */
    final Set<Integer> reused = new HashSet<>();
    int anchorsDefined;

    Search(Seq<String> segments) {
      this.segments = segments;
    }

    /** Records {@code event}'s anchor (a new definition) or alias (a reuse); the definition of an anchored node. */
    int anchorsAndAliases(Event event) {
      if (event instanceof AliasEvent alias) {
        Integer definition = definitions.get(alias.getAlias().getValue());
        if (definition != null) {
          reused.add(definition);
        }
        return 0;
      }
      if (event instanceof NodeEvent node && node.getAnchor().isPresent()) {
        int definition = ++anchorsDefined;
        definitions.put(node.getAnchor().get().getValue(), definition);
        return definition;
      }
      return 0;
    }
  }

  private static Either<PinFileProblem, Found> locate(RepoPath file, byte[] content, PinKey key) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return Either.left(new PinFileProblem.NotUtf8(file));
    }
    Search search = new Search(key.segments());
    int documents = 0;
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(file.value()).setUseMarks(true).build();
      Iterator<Event> events = new ParserImpl(settings, new StreamReader(settings, new StringReader(text)));
      while (events.hasNext()) {
        Event event = events.next();
        if (event.getEventId() == Event.ID.DocumentStart) {
          documents++;
          walk(events.next(), events, search, 0);
        }
      }
    } catch (MarkedYamlEngineException invalid) {
      Mark mark = invalid.getProblemMark().or(invalid::getContextMark).orElse(null);
      return Either.left(new PinFileProblem.Unparseable(file, mark == null ? 0 : mark.getLine() + 1,
          mark == null ? 0 : mark.getColumn() + 1, problem(invalid.getProblem())));
    } catch (YamlEngineException invalid) {
      return Either.left(new PinFileProblem.Unparseable(file, 0, 0, problem(invalid.getMessage())));
    }
    if (documents > 1) {
      return Either.left(new PinFileProblem.SeveralDocuments(file, documents));
    }
    if (search.matches == 0) {
      return Either.left(new PinFileProblem.KeyMissing(file, key));
    }
    if (search.matches > 1) {
      return Either.left(new PinFileProblem.DuplicateKey(file, key));
    }
    Event value = search.value;
    switch (value.getEventId()) {
      case MappingStart:
        return Either.left(new PinFileProblem.NotAScalar(file, key, "a mapping"));
      case SequenceStart:
        return Either.left(new PinFileProblem.NotAScalar(file, key, "a list"));
      case Alias:
        return Either.left(new PinFileProblem.UnsupportedScalar(file, key, "an alias"));
      default:
        break;
    }
    ScalarEvent scalar = (ScalarEvent) value;
    if (scalar.getAnchor().isPresent()) {
      return Either.left(new PinFileProblem.UnsupportedScalar(file, key, "an anchored scalar"));
    }
    if (scalar.getTag().isPresent()) {
      return Either.left(new PinFileProblem.UnsupportedScalar(file, key, "a tagged scalar"));
    }
    if (scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED) {
      return Either.left(new PinFileProblem.UnsupportedScalar(file, key, "a block scalar"));
    }
    Found found = new Found(text, scalar);
    if (found.empty() && (found.start() == 0 || text.charAt(found.start() - 1) != ':')) {
      // the parser puts an empty value right after its key's colon; anywhere else, the key has no colon
      return Either.left(new PinFileProblem.KeyWithoutValue(file, key));
    }
    Option<Anchored> shared = search.enclosingMatch.find(anchored -> search.reused.contains(anchored.definition()));
    if (shared.isDefined()) {
      return Either.left(new PinFileProblem.SharedByAlias(file, key, shared.get().name()));
    }
    return Either.right(found);
  }

  /**
   * Walks the node that starts with {@code first}. {@code depth} is how many of the key's segments
   * lead to this node (-1 when it is off the path); the node at the full path is recorded, not
   * entered. Every anchor and alias on the way is noted, so that a match inside an anchored node
   * that is reused elsewhere is known.
   */
  private static void walk(Event first, Iterator<Event> events, Search search, int depth) {
    int definition = search.anchorsAndAliases(first);
    boolean collection = first.getEventId() == Event.ID.MappingStart || first.getEventId() == Event.ID.SequenceStart;
    List<Anchored> outside = search.enclosing;
    if (collection && definition > 0) {
      search.enclosing = outside.prepend(new Anchored(definition, ((NodeEvent) first).getAnchor().get().getValue()));
    }
    if (first.getEventId() == Event.ID.MappingStart) {
      walkMapping(events, search, depth);
    } else if (first.getEventId() == Event.ID.SequenceStart) {
      for (Event item = events.next(); item.getEventId() != Event.ID.SequenceEnd; item = events.next()) {
        walk(item, events, search, -1);
      }
    } // a scalar or an alias: nothing inside
    search.enclosing = outside;
  }

  /** The entries of a mapping whose start was just read, up to its end. */
  private static void walkMapping(Iterator<Event> events, Search search, int depth) {
    for (Event key = events.next(); key.getEventId() != Event.ID.MappingEnd; key = events.next()) {
      boolean onPath = depth >= 0 && key instanceof ScalarEvent scalar && scalar.getValue().equals(search.segments.get(depth));
      walk(key, events, search, -1);
      Event value = events.next();
      if (onPath && depth == search.segments.size() - 1) {
        search.matches++;
        search.value = value;
        search.enclosingMatch = search.enclosing;
        walk(value, events, search, -1);
      } else {
        walk(value, events, search, onPath ? depth + 1 : -1);
      }
    }
  }

  private static String problem(String text) {
    String trimmed = text == null ? "" : text.strip().replaceAll("[.]+$", "");
    return trimmed.isEmpty() ? "it does not parse" : trimmed;
  }

  // ---- writing a value ------------------------------------------------------------------------

  private static String render(ScalarStyle style, String value) {
    if (style == ScalarStyle.SINGLE_QUOTED) {
      return "'" + value.replace("'", "''") + "'";
    }
    if (style == ScalarStyle.PLAIN && PLAIN_SAFE.matcher(value).matches() && !PLAIN_NOT_A_STRING.matcher(value).matches()) {
      return value;
    }
    StringBuilder quoted = new StringBuilder("\"");
    value.codePoints().forEach(c -> {
      if (c == '"' || c == '\\') {
        quoted.append('\\').appendCodePoint(c);
      } else if (c < 0x20 || c == 0x7f) {
        quoted.append(String.format("\\x%02x", c));
      } else {
        quoted.appendCodePoint(c);
      }
    });
    return quoted.append('"').toString();
  }
}
