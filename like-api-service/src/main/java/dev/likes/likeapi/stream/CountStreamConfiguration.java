package dev.likes.likeapi.stream;

import dev.likes.events.CountUpdate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** One Redis subscription per instance, however many streams are open: the streams fan out in memory. */
@Configuration
class CountStreamConfiguration {

    @Bean
    RedisMessageListenerContainer countUpdateListener(RedisConnectionFactory redis, CountStreams streams) {
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        // Routing an update only writes a map slot: run it on the subscription's own thread rather than on a new
        // thread per message (the container's default executor).
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener(streams, ChannelTopic.of(CountUpdate.CHANNEL));
        return container;
    }
}
