package continuum.security;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify this cluster's API
 * tokens, as a JWK Set (RFC 7517 §5, media type §8.5), for anyone who checks a token
 * without asking the server. Cached briefly: a verifier that meets an unknown {@code kid}
 * (a node has just rotated its key) fetches the set again.
 */
@RestController
class JwksController {

	private final SigningKeys keys;

	JwksController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping(path = SigningKeyConfiguration.JWKS_PATH, produces = "application/jwk-set+json")
	ResponseEntity<String> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(keys.publicKeys().toString(true));
	}

}
