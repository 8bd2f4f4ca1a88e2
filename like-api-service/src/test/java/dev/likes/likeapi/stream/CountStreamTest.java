package dev.likes.likeapi.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.likes.events.CountUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class CountStreamTest {

    private final List<String> written = new ArrayList<>();
    private final SseEmitter emitter = new SseEmitter() {
        @Override
        public void send(Set<ResponseBodyEmitter.DataWithMediaType> items) {
            items.forEach(item -> written.add((String) item.getData()));
        }
    };
    private long versions;

    @Test
    void theFirstFlushSendsTheInitialCountsWithTheReconnectDelayThenOnlyNewerEvents() {
        var post = new PostFollowers();
        post.update(event("p1", 7)); // before the stream follows: superseded by the initial read
        var stream = new CountStream(emitter, List.of("p1"));
        stream.follow(0, post);
        assertThat(stream.hasNews()).isFalse();

        stream.offerInitial(0, 8);
        assertThat(stream.hasNews()).isTrue();
        stream.flush(2000);

        assertThat(written).containsExactly("retry:2000\n" + CountStream.eventOf(new CountUpdate("p1", 8)));
        assertThat(stream.hasNews()).isFalse();
    }

    @Test
    void updatesBetweenTwoFlushesAreCoalescedToTheLatestPerPost() {
        var first = new PostFollowers();
        var second = new PostFollowers();
        var stream = new CountStream(emitter, List.of("p1", "p2"));
        stream.follow(0, first);
        stream.follow(1, second);

        first.update(event("p1", 1));
        first.update(event("p1", 2));
        second.update(event("p2", 5));
        stream.flush(2000);
        first.update(event("p1", 3));
        stream.flush(2000);
        stream.flush(2000);

        assertThat(written)
                .containsExactly(
                        "retry:2000\n"
                                + CountStream.eventOf(new CountUpdate("p1", 2))
                                + CountStream.eventOf(new CountUpdate("p2", 5)),
                        CountStream.eventOf(new CountUpdate("p1", 3)));
    }

    @Test
    void anUpdateThatArrivedWhileTheInitialCountWasReadWinsOverIt() {
        var post = new PostFollowers();
        var stream = new CountStream(emitter, List.of("p1"));
        stream.follow(0, post);
        post.update(event("p1", 12));

        stream.offerInitial(0, 11);
        stream.flush(2000);

        assertThat(written).containsExactly("retry:2000\n" + CountStream.eventOf(new CountUpdate("p1", 12)));
    }

    private PostFollowers.CountEvent event(String postId, long count) {
        return new PostFollowers.CountEvent(++versions, CountStream.eventOf(new CountUpdate(postId, count)));
    }
}
