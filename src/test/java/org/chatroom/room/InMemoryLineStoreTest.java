package org.chatroom.room;

class InMemoryLineStoreTest extends LineStoreContract {

  @Override
  protected LineStore store() {
    return new InMemoryLineStore();
  }
}
