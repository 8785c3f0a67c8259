package dev.graspsync.sync.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import org.junit.jupiter.api.Test;

class FrameAssemblerTest {

  @Test
  void joinsContinuationFrames() {
    FrameAssembler a = new FrameAssembler(100);
    assertThat(a.accept(WebSocketFrame.textFrame("[\"NO", false))).isInstanceOf(FrameAssembler.Partial.class);
    assertThat(a.accept(WebSocketFrame.continuationFrame(Buffer.buffer("TICE\",\"hi"), false)))
        .isInstanceOf(FrameAssembler.Partial.class);
    assertThat(a.accept(WebSocketFrame.continuationFrame(Buffer.buffer("\"]"), true)))
        .isEqualTo(new FrameAssembler.Text("[\"NOTICE\",\"hi\"]"));
  }

  @Test
  void aMessageOverTheLimitIsReportedOnceWithItsSizeAndTheNextOneIsFine() {
    FrameAssembler a = new FrameAssembler(10);
    assertThat(a.accept(WebSocketFrame.textFrame("123456", false))).isInstanceOf(FrameAssembler.Partial.class);
    assertThat(a.accept(WebSocketFrame.continuationFrame(Buffer.buffer("789012"), false)))
        .isInstanceOf(FrameAssembler.Partial.class);
    assertThat(a.accept(WebSocketFrame.continuationFrame(Buffer.buffer("345"), true)))
        .isEqualTo(new FrameAssembler.Oversize(15));
    assertThat(a.accept(WebSocketFrame.textFrame("0123456789", true))).isEqualTo(new FrameAssembler.Text("0123456789"));
    assertThat(a.accept(WebSocketFrame.textFrame("01234567890", true))).isEqualTo(new FrameAssembler.Oversize(11));
  }

  @Test
  void binaryMessagesAndStrayContinuationsAreNotText() {
    FrameAssembler a = new FrameAssembler(10);
    assertThat(a.accept(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[] {1, 2}), true)))
        .isEqualTo(new FrameAssembler.Binary(2));
    assertThat(a.accept(WebSocketFrame.continuationFrame(Buffer.buffer("x"), true)))
        .isInstanceOf(FrameAssembler.Partial.class);
  }

  @Test
  void aOneFrameMessageAfterAHalfReadOneIsItselfAndTheHalfReadOneIsForgotten() {
    FrameAssembler a = new FrameAssembler(100);
    assertThat(a.accept(WebSocketFrame.textFrame("[\"EVE", false))).isInstanceOf(FrameAssembler.Partial.class);
    assertThat(a.accept(WebSocketFrame.textFrame("[\"NOTICE\",\"Grüße ✓\"]", true)))
        .isEqualTo(new FrameAssembler.Text("[\"NOTICE\",\"Grüße ✓\"]"));
    assertThat(a.accept(WebSocketFrame.continuationFrame(Buffer.buffer("NT\"]"), true)))
        .isInstanceOf(FrameAssembler.Partial.class);
  }
}
