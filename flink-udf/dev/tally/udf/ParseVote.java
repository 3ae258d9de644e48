package dev.tally.udf;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonFactory;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonParser;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonToken;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.Row;

import java.io.IOException;

/**
 * PARSE_VOTE(payload): reads a vote event's JSON once into a ROW
 * (is_object, vote_id, voter_id, candidate_id, cast_at).
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
      "ROW<is_object BOOLEAN, vote_id STRING, voter_id STRING, candidate_id STRING, cast_at BIGINT>";
  private static final Row NOT_AN_OBJECT = Row.of(false, null, null, null, null);

  /**
   * Declared non-deterministic only so that the planner never copies the call into each field
   * access (one parse per event); the result depends on the payload alone.
   */
  @Override
  public boolean isDeterministic() {
    return false;
  }

  public @DataTypeHint(ROW_TYPE) Row eval(String payload) {
    if (payload == null) return NOT_AN_OBJECT;
    String voteId = null;
    String voterId = null;
    String candidateId = null;
    Long castAt = null;
    try (JsonParser parser = JSON.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return NOT_AN_OBJECT;
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
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) return NOT_AN_OBJECT;
    } catch (IOException | RuntimeException notJson) {
      return NOT_AN_OBJECT;
    }
    return Row.of(true, voteId, voterId, candidateId, castAt);
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
