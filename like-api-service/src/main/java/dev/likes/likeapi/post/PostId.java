package dev.likes.likeapi.post;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A post id: 1 to 100 characters of {@code [A-Za-z0-9_-]}. Safe in a URL path, a Kafka key and a Redis key without
 * escaping.
 */
@Documented
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@NotNull
@Pattern(regexp = PostId.PATTERN)
public @interface PostId {

    String PATTERN = "[A-Za-z0-9_-]{1,100}";

    String message() default "must be 1 to 100 characters of A-Z, a-z, 0-9, '_' or '-'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
