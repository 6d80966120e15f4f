package continuum.downtime.audit;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /audit/checkpoint}: the newest signed checkpoint of the server's audit chain
 * this node keeps, as the server signed it (404 while it has none), for
 * {@code ./continuum audit verify --checkpoint=FILE}. No sign-in: it holds no patient
 * data, only a position, a hash and the server's signature.
 */
@RestController
class CheckpointController {

	private final CheckpointKeeper keeper;

	CheckpointController(CheckpointKeeper keeper) {
		this.keeper = keeper;
	}

	@GetMapping(path = "/audit/checkpoint", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> newest() {
		return keeper.newest().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
	}

}
