package org.chatroom.store;

import java.nio.file.Path;
import org.chatroom.testing.PayaraMicroServer;
import org.chatroom.testing.ServerProcess;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Payara Micro keeps its lines in {@code chatroom.data.dir}, opened by the WAR's own H2. */
class PayaraCrashIT extends CrashContract {

  @RegisterExtension static final PayaraMicroServer payara = new PayaraMicroServer();

  @Override
  ServerProcess<?> server() {
    return payara;
  }

  @Override
  Path databaseFile() {
    return payara.data().resolve("chatroom.mv.db");
  }
}
