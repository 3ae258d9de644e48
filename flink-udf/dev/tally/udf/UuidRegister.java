package dev.tally.udf;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.apache.flink.table.functions.ScalarFunction;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A register keyed by UUID, held in memory: FUNCTION(id, jdbc_url, username, password) gives the
 * value column of the row whose key is `id` in a Postgres table, or NULL when there is none.
 * VOTER_REGION (voters: voter_id to region_id) and CANDIDATE_PARTY (candidates: candidate_id to
 * party_id) are the two Tally uses.
 *
 * <p>Why a function and not a JDBC lookup join: each voter votes once, so a lookup cache never
 * hits and every vote would cost a synchronous Postgres round trip; and even the candidates'
 * always-hit cache costs a lookup join (key projection, a cache probe, a joined row) per vote.
 * On first use the function reads the whole table once into a compact open-addressing table (an
 * id is a UUID, kept as two longs, plus a value index: about 40 bytes of heap per row at the
 * table's load factor, never in checkpoints). An id it does not hold is looked up in Postgres by
 * key, so a row added after the load is found exactly as a lookup join would find it; an id that
 * is still unknown is not remembered, so a later registration is seen too.
 *
 * <p>Only lower-case UUIDs (8-4-4-4-12 hex), the form Tally's register uses, can be keys: any
 * other string is NULL at once, without reaching Postgres (so no string from an event, NUL bytes
 * included, can fail a query). A failing Postgres is retried, then fails the task (a service
 * fault, never an event's content). At most 32,767 distinct values (regions, parties).
 *
 * <p>The id comes in and the value goes out as Flink's internal StringData: the id is read from
 * its UTF-8 bytes and each value's string is built once and handed out again, so an event costs
 * no string conversion here.
 *
 * <p>One load per TaskManager, not per task: the tasks of a TaskManager that use the same register
 * (the parallel instances of the count's source, and a recount running beside it) share one table
 * read at the first use, held while any of them is open and dropped when the last one closes (so a
 * job started after them, or restarted, reads the table afresh). Each task keeps the ids it found
 * in Postgres after that load in a small table of its own. With two slots this halves the load at
 * start and the heap the register takes (about 38 MB per copy at 1M voters).
 */
public abstract class UuidRegister extends ScalarFunction {
  private static final long serialVersionUID = 1L;
  private static final int RETRIES = 10;

  private final String name;
  private final String loadQuery;
  private final String keyQuery;

  /** The shared loads, by register (query and database), with the count of open tasks using each. */
  private static final Map<String, Shared> SHARED = new HashMap<>();

  /** A register's table as read once, and the open tasks that use it. */
  private static final class Shared {
    int users;
    CompletableFuture<Table> table;
  }

  private transient String sharedKey;
  private transient Table loaded;
  private transient Table found;
  private transient Connection connection;
  private transient PreparedStatement byKey;

  /**
   * @param name the SQL function's name, for error messages
   * @param table, keyColumn, valueColumn the Postgres table read (constants of the subclass, never
   *     from an event)
   */
  protected UuidRegister(String name, String table, String keyColumn, String valueColumn) {
    this.name = name;
    this.loadQuery = "SELECT " + keyColumn + ", " + valueColumn + " FROM " + table;
    this.keyQuery = "SELECT " + valueColumn + " FROM " + table + " WHERE " + keyColumn + " = ?";
  }

  /**
   * Non-deterministic, truly (the table can gain rows while the job runs), and so that the planner
   * never copies the call into each place its result is used (one probe per event).
   */
  @Override
  public boolean isDeterministic() {
    return false;
  }

  /** The value for `id` (a lower-case UUID), or NULL; see the class comment. */
  public @DataTypeHint(value = "STRING", bridgedTo = StringData.class) StringData eval(
      @DataTypeHint(value = "STRING", bridgedTo = StringData.class) StringData id,
      String jdbcUrl, String username, String password) {
    if (id == null) return null;
    byte[] bytes = id.toBytes();
    if (!isUuid(bytes)) return null;
    long high = hexLong(bytes, 0);
    long low = hexLong(bytes, 19);
    for (int attempt = 1; ; attempt++) {
      try {
        if (found == null) found = new Table(1 << 10);
        if (loaded == null) loaded = sharedTable(jdbcUrl, username, password);
        StringData known = loaded.get(high, low);
        if (known == null) known = found.get(high, low);
        if (known != null) return known;
        String value = lookUp(id.toString(), jdbcUrl, username, password);
        if (value == null) return null;
        return found.put(high, low, value);
      } catch (SQLException e) {
        closeConnection();
        if (attempt >= RETRIES) throw new RuntimeException(name + ": Postgres failed " + RETRIES + " times: " + e.getMessage(), e);
        try {
          Thread.sleep(Math.min(5000L, 200L * attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new RuntimeException(name + " interrupted", interrupted);
        }
      }
    }
  }

  @Override
  public void close() {
    closeConnection();
    if (sharedKey != null) {
      synchronized (SHARED) {
        Shared shared = SHARED.get(sharedKey);
        if (shared != null && --shared.users == 0) SHARED.remove(sharedKey);
      }
      sharedKey = null;
    }
    loaded = null;
  }

  /**
   * The register's table, read by the first open task of this TaskManager that asks and shared
   * with the others (see the class comment). A failed read is not kept: the next call reads again.
   */
  private Table sharedTable(String jdbcUrl, String username, String password) throws SQLException {
    String key = loadQuery + "@" + jdbcUrl + "@" + username;
    CompletableFuture<Table> table;
    boolean mine = false;
    synchronized (SHARED) {
      Shared shared = SHARED.computeIfAbsent(key, k -> new Shared());
      if (sharedKey == null) {
        shared.users++;
        sharedKey = key;
      }
      if (shared.table == null || shared.table.isCompletedExceptionally()) {
        shared.table = new CompletableFuture<>();
        mine = true;
      }
      table = shared.table;
    }
    if (mine) {
      try {
        table.complete(load(jdbcUrl, username, password));
      } catch (SQLException | RuntimeException e) {
        table.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return table.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof SQLException) throw (SQLException) e.getCause();
      throw e;
    }
  }

  private Table load(String jdbcUrl, String username, String password) throws SQLException {
    Table table = new Table(1 << 16);
    Connection c = connection(jdbcUrl, username, password);
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.setFetchSize(20_000);
      try (ResultSet rows = s.executeQuery(loadQuery)) {
        while (rows.next()) {
          String id = rows.getString(1);
          byte[] bytes = id == null ? null : id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          if (bytes != null && isUuid(bytes)) table.put(hexLong(bytes, 0), hexLong(bytes, 19), rows.getString(2));
        }
      }
    } finally {
      c.commit();
      c.setAutoCommit(true);
    }
    return table;
  }

  private String lookUp(String key, String jdbcUrl, String username, String password) throws SQLException {
    if (byKey == null) byKey = connection(jdbcUrl, username, password).prepareStatement(keyQuery);
    byKey.setString(1, key);
    try (ResultSet rows = byKey.executeQuery()) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  private Connection connection(String jdbcUrl, String username, String password) throws SQLException {
    if (connection == null || connection.isClosed()) connection = DriverManager.getConnection(jdbcUrl, username, password);
    return connection;
  }

  private void closeConnection() {
    try {
      if (connection != null) connection.close();
    } catch (SQLException ignored) {
      // closing a broken connection: nothing left to do
    }
    connection = null;
    byKey = null;
  }

  /**
   * Ids (UUIDs as two longs) to values, by open addressing with linear probing; a slot is empty
   * when high == 0 && low == 0 (a version-4/5 UUID always has non-zero version bits, so no real id
   * is all zeros). Not thread-safe for writes: a shared table is only read once it is loaded.
   */
  private static final class Table {
    long[] highs;
    long[] lows;
    short[] valueAt;
    int size;
    final List<StringData> valueData = new ArrayList<>();
    final Map<String, Short> valueIndex = new HashMap<>();

    Table(int capacity) {
      highs = new long[capacity];
      lows = new long[capacity];
      valueAt = new short[capacity];
    }

    /** The value of the id, or null when the table does not hold it. */
    StringData get(long high, long low) {
      int slot = find(high, low);
      return slot < 0 ? null : valueData.get(valueAt[slot]);
    }

    private int find(long high, long low) {
      int mask = highs.length - 1;
      for (int i = mix(high, low) & mask; ; i = (i + 1) & mask) {
        if (highs[i] == high && lows[i] == low) return (high | low) == 0 ? -1 : i;
        if (highs[i] == 0 && lows[i] == 0) return -1;
      }
    }

    /** Holds id -> value (an id seen before gets the new value); returns the value as StringData. */
    StringData put(long high, long low, String value) {
      Short index = valueIndex.get(value);
      if (index == null) {
        index = (short) valueData.size();
        valueData.add(BinaryStringData.fromBytes(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        valueIndex.put(value, index);
      }
      if ((high | low) == 0) return valueData.get(index);
      if ((size + 1) * 4L > highs.length * 3L) grow();
      int mask = highs.length - 1;
      int i = mix(high, low) & mask;
      while (!(highs[i] == 0 && lows[i] == 0)) {
        if (highs[i] == high && lows[i] == low) {
          valueAt[i] = index;
          return valueData.get(index);
        }
        i = (i + 1) & mask;
      }
      highs[i] = high;
      lows[i] = low;
      valueAt[i] = index;
      size++;
      return valueData.get(index);
    }

    private void grow() {
      long[] oldHighs = highs;
      long[] oldLows = lows;
      short[] oldValues = valueAt;
      highs = new long[oldHighs.length * 2];
      lows = new long[oldHighs.length * 2];
      valueAt = new short[oldHighs.length * 2];
      int mask = highs.length - 1;
      for (int j = 0; j < oldHighs.length; j++) {
        if (oldHighs[j] == 0 && oldLows[j] == 0) continue;
        int i = mix(oldHighs[j], oldLows[j]) & mask;
        while (!(highs[i] == 0 && lows[i] == 0)) i = (i + 1) & mask;
        highs[i] = oldHighs[j];
        lows[i] = oldLows[j];
        valueAt[i] = oldValues[j];
      }
    }
  }

  private static int mix(long high, long low) {
    long h = high * 0x9E3779B97F4A7C15L ^ low;
    h ^= h >>> 29;
    return (int) (h ^ (h >>> 32));
  }

  /**
   * A lower-case UUID in UTF-8 bytes: 36 bytes, 8-4-4-4-12 hex digits (REGEXP
   * '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'). 
   */
  static boolean isUuid(byte[] s) {
    if (s.length != 36) return false;
    for (int i = 0; i < 36; i++) {
      byte c = s[i];
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') return false;
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * 64 bits from 16 hex digits of a UUID's UTF-8 bytes starting at `from`, skipping hyphens (from
   * 0: digits 0-15; from 19: digits 16-31).
   */
  static long hexLong(byte[] uuid, int from) {
    long value = 0;
    int digits = 0;
    for (int i = from; digits < 16; i++) {
      byte c = uuid[i];
      if (c == '-') continue;
      value = (value << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
      digits++;
    }
    return value;
  }
}
