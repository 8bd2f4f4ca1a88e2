package dev.likes.notifications.push;

import dev.likes.kit.security.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/devices")
class DeviceController {

    private final DeviceTokens tokens;

    DeviceController(DeviceTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    ResponseEntity<Void> register(@CurrentUser String userId, @Valid @RequestBody RegisterDeviceRequest request) {
        tokens.register(userId, request.token());
        return ResponseEntity.noContent().build();
    }

    /** Idempotent: removing a token that is gone (or was never yours) answers the same. */
    @DeleteMapping("/{token}")
    ResponseEntity<Void> unregister(@CurrentUser String userId, @PathVariable String token) {
        tokens.unregister(userId, token);
        return ResponseEntity.noContent().build();
    }
}
