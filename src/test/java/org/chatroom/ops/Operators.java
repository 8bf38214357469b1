package org.chatroom.ops;

import org.chatroom.testing.servers.AdminTools;

/**
 * The operator (role {@code chatroom-operator}) of the matrix's servers, added the way each
 * server's administrator adds a user, where that can be done on a running server.
 */
final class Operators {

  static final String USER = "operator";
  static final String PASSWORD = "operator-secret";

  private Operators() {}

  /** Makes sure this server knows the operator; false where the test cannot add one. */
  static boolean addedOn(String server) throws Exception {
    switch (server) {
      case "tomcat", "tomcat11":
        return true; // src/test/tomcat/conf/tomcat-users.xml
      case "payara-server":
        if (!AdminTools.asadmin("list-file-users").contains(USER)) {
          AdminTools.asadmin(
              "--passwordfile",
              AdminTools.payaraPasswordFile(PASSWORD).toString(),
              "create-file-user",
              "--groups",
              "chatroom-operator",
              USER);
        }
        return true;
      case "wildfly":
        AdminTools.addUser("-a", "-u", USER, "-p", PASSWORD, "-g", "chatroom-operator", "-s");
        return true;
      default:
        return false;
    }
  }
}
