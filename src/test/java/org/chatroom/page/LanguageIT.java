package org.chatroom.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chatroom.testing.TomcatServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;

/**
 * A browser set to Simplified Chinese gets the page in Chinese; the language toggle switches it,
 * and the choice is remembered.
 */
@ExtendWith(ScreenshotOnFailure.class)
class LanguageIT {

  @RegisterExtension static final TomcatServer SERVER = new TomcatServer();

  static Browser lei;

  @BeforeAll
  static void openBrowser() throws Exception {
    lei = Browser.open("lei", "zh-CN", new Dimension(1280, 800));
  }

  @AfterAll
  static void closeBrowser() throws Exception {
    lei.close();
  }

  @Test
  void aChineseBrowserGetsChineseAndTheToggleSwitchesAndIsRemembered() throws Exception {
    lei.load("?room=茶室");
    assertEquals("zh-CN", lei.script("return navigator.languages[0]"));
    assertEquals("zh-CN", lei.attribute("html", "lang"));
    assertEquals("加入聊天室", lei.find("#join-title").getText());
    assertEquals("昵称", lei.find("label[for='nickname']").getText());
    assertEquals("加入", lei.find("#join-button").getText());
    assertEquals("English", lei.find("#lang-toggle").getText());
    lei.screenshot("join-zh");

    lei.join("小李", "茶室");
    lei.waitUntil("connected", d -> "已连接".equals(lei.find("#status-text").getText()));
    assertTrue(
        lei.find("#messages li[data-type='login']").getText().startsWith("你以 小李 的身份加入了 #茶室"),
        lei.find("#messages li[data-type='login']").getText());
    assertEquals("发送", lei.find("#send-button").getText());
    assertEquals("输入消息…", lei.find("#message-input").getAttribute("placeholder"));
    assertTrue(lei.find("#users li[data-nickname='小李']").getText().contains("（你）"));
    lei.say("你好，世界");
    lei.screenshot("room-zh");

    lei.find("#lang-toggle").click();
    assertEquals("en", lei.attribute("html", "lang"));
    assertEquals("Send", lei.find("#send-button").getText());
    assertEquals("Connected", lei.find("#status-text").getText());
    assertEquals("中文", lei.find("#lang-toggle").getText());
    assertTrue(lei.find("#users li[data-nickname='小李']").getText().contains("(you)"));

    // Reloading keeps the chosen language (and the nickname), whatever the browser prefers.
    lei.load("");
    assertEquals("en", lei.attribute("html", "lang"));
    assertEquals("Join", lei.find("#join-button").getText());
    assertEquals("小李", lei.find("#nickname").getAttribute("value"));

    lei.find("#lang-toggle").click();
    assertEquals("zh-CN", lei.attribute("html", "lang"));
    assertEquals("加入", lei.find("#join-button").getText());

    lei.assertConsoleClean();
  }

  @Test
  void anInvalidNicknameIsExplainedInChinese() throws Exception {
    lei.script("localStorage.setItem('chatroom.language', 'zh-CN')");
    lei.load("?room=names");
    // A name only the server refuses (reserved); one too long the page explains itself.
    lei.type("#nickname", "System");
    lei.find("#join-button").click();
    String error =
        lei.waitUntil(
                "the inline error",
                d -> lei.find("#nickname-error").isDisplayed() ? lei.find("#nickname-error") : null)
            .getText();
    assertTrue(error.startsWith("这个昵称不能使用"), error);
    lei.screenshot("nickname-invalid-zh");
    lei.type("#nickname", "x".repeat(40));
    lei.find("#join-button").click();
    assertEquals("昵称请不要超过 32 个字符。", lei.find("#nickname-error").getText());
    lei.assertConsoleClean();
  }
}
