package dev.likes.counts.count;

import dev.likes.counts.retry.CountRetrier;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the retrier and the pruner on the intervals of {@link CountProperties}. */
@Configuration
@EnableScheduling
class CountSchedules implements SchedulingConfigurer {

    private final CountRetrier retrier;
    private final CountPruner pruner;
    private final CountProperties properties;

    CountSchedules(CountRetrier retrier, CountPruner pruner, CountProperties properties) {
        this.retrier = retrier;
        this.pruner = pruner;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(retrier::retryDue, properties.retry().pollInterval());
        tasks.addFixedDelayTask(pruner::prune, properties.pruneInterval());
    }
}
