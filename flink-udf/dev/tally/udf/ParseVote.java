package dev.tally.udf;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonFactory;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonParser;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonToken;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.apache.flink.table.functions.ScalarFunction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * PARSE_VOTE(payload): reads a vote event's JSON once into a ROW
 * (is_object, vote_id, voter_id, candidate_id, cast_at, vote_id_ok, oversized).
 *
 * <p>oversized: the payload is longer than 4096 characters (it is then not parsed at all). Its
 * UTF-8 bytes are counted first: no more than 4096 bytes is no more than 4096 characters, so the
 * characters are only counted for a long payload (CHAR_LENGTH in SQL walks every event's bytes).
 *
 * <p>vote_id_ok: the vote_id is 1 to 64 of A-Z a-z 0-9 _ . : - (it is written to Postgres and
 * Kafka as it is). The test is here rather than a REGEXP in SQL because each REGEXP call decodes
 * the string to a Java String and looks its pattern up in a cache: a few microseconds per event
 * that this one pass over the characters does not cost.
 *
 * <p>It takes and returns Flink's internal string and row types (StringData, RowData), so the
 * payload is parsed from its UTF-8 bytes as they arrived and no field is converted through a
 * java.lang.String on the way in or out.
 *
 * <p>Why a function: Flink 1.20's JSON_VALUE parses the whole payload again on every call, and the
 * validation needs four fields plus an "is it an object" test. This streaming parse is one pass.
 * It never throws on content: anything that is not one complete JSON object gives
 * is_object = FALSE and NULL fields; a field of the wrong JSON type (a number where a string is
 * expected, a string or fraction where an integer is expected, null, an object) is NULL. A key
 * given twice keeps its last value, as JSON_VALUE does. The SQL turns these NULLs into reasons.
 */
public class ParseVote extends ScalarFunction {
  private static final long serialVersionUID = 1L;
  private static final JsonFactory JSON = new JsonFactory();

  private static final String ROW_TYPE =
      "ROW<is_object BOOLEAN, vote_id STRING, voter_id STRING, candidate_id STRING, cast_at BIGINT,"
          + " vote_id_ok BOOLEAN, oversized BOOLEAN>";
  /** The longest payload, in characters, that is parsed (the SQL names a longer one oversized). */
  private static final int MAX_CHARS = 4096;

  /**
   * Declared non-deterministic only so that the planner never copies the call into each field
   * access (one parse per event); the result depends on the payload alone.
   */
  @Override
  public boolean isDeterministic() {
    return false;
  }

  public @DataTypeHint(value = ROW_TYPE, bridgedTo = RowData.class) RowData eval(
      @DataTypeHint(value = "STRING", bridgedTo = StringData.class) StringData payload) {
    if (payload == null) return notAnObject(false);
    byte[] bytes = payload.toBytes();
    if (bytes.length > MAX_CHARS && payload.toString().length() > MAX_CHARS) return notAnObject(true);
    String voteId = null;
    String voterId = null;
    String candidateId = null;
    Long castAt = null;
    try (JsonParser parser = JSON.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return notAnObject(false);
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.getCurrentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "vote_id": voteId = text(value, parser); break;
          case "voter_id": voterId = text(value, parser); break;
          case "candidate_id": candidateId = text(value, parser); break;
          case "cast_at": castAt = integer(value, parser); break;
          default: break;
        }
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) parser.skipChildren();
      }
      // The object must close and nothing may follow it.
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) return notAnObject(false);
    } catch (IOException | RuntimeException notJson) {
      return notAnObject(false);
    }
    return GenericRowData.of(true, utf8(voteId), utf8(voterId), utf8(candidateId), castAt,
        voteId != null && isVoteId(voteId), false);
  }

  private static RowData notAnObject(boolean oversized) {
    return GenericRowData.of(false, null, null, null, null, false, oversized);
  }

  /** Encoded at once with the JDK's own encoder (Flink's lazy fromString encodes later, per copy). */
  private static StringData utf8(String value) {
    return value == null ? null : BinaryStringData.fromBytes(value.getBytes(StandardCharsets.UTF_8));
  }

  /** 1 to 64 of A-Z a-z 0-9 _ . : - (the SQL used to say: REGEXP '^[A-Za-z0-9_.:-]{1,64}$'). */
  static boolean isVoteId(String s) {
    int n = s.length();
    if (n < 1 || n > 64) return false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == ':' || c == '-';
      if (!ok) return false;
    }
    return true;
  }

  private static String text(JsonToken value, JsonParser parser) throws IOException {
    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
  }

  private static Long integer(JsonToken value, JsonParser parser) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT) return null;
    return parser.getNumberType() == JsonParser.NumberType.INT || parser.getNumberType() == JsonParser.NumberType.LONG
        ? parser.getLongValue() : null;
  }
}
