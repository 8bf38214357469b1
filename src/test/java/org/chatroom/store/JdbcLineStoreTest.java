package org.chatroom.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chatroom.platform.ChatSettings;
import org.chatroom.room.LineStore;
import org.chatroom.room.LineStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The JDBC store on H2, the embedded default, each test on a fresh database in memory. */
class JdbcLineStoreTest extends LineStoreContract {

  private final List<Runnable> closers = new ArrayList<>();

  @Override
  protected LineStore store() {
    return open(
        Map.of(ChatSettings.DB_URL, "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
  }

  /** A started store on the database the settings name, closed after the test. */
  LineStore open(Map<String, String> settings) {
    ChatSettings chat = new ChatSettings(settings::get);
    ChatDatabase database = new ChatDatabase(chat);
    JdbcLineStore store = new JdbcLineStore(database, chat);
    store.start();
    closers.add(
        () -> {
          store.stop();
          database.close();
        });
    return store;
  }

  @AfterEach
  void close() {
    closers.forEach(Runnable::run);
  }
}
