package dev.likes.counts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CountConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(CountConsumerApplication.class, args);
    }
}
