package org.chatroom.store;

import java.nio.file.Path;
import org.chatroom.testing.ServerProcess;
import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stock Tomcat with no setting keeps its lines in {@code $CATALINA_BASE/data/chatroom}. */
class TomcatCrashIT extends CrashContract {

  @RegisterExtension static final TomcatServer tomcat = new TomcatServer();

  @Override
  ServerProcess<?> server() {
    return tomcat;
  }

  @Override
  Path databaseFile() {
    return tomcat.home().resolve(Path.of("data", "chatroom", "chatroom.mv.db"));
  }
}
