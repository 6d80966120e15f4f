package continuum.continuity.probes.web;

import java.net.URI;
import java.net.URISyntaxException;

import continuum.continuity.probes.ComponentCatalogue;
import continuum.platform.InvalidInputException;
import continuum.security.AccessControl;
import continuum.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/downtime/nodes} (docs/downtime-protocol.md, "Node registration and
 * health"): a downtime node says where it serves, at start and every few minutes; the
 * server adds it to the component catalogue (an upsert) and probes its {@code /status}.
 * System accounts only; 204, a body that is not JSON 400, a node id or url that breaks
 * the rules 422, as problem documents.
 */
@RestController
class NodeRegistrationController {

	private final ComponentCatalogue catalogue;

	private final AccessControl access;

	NodeRegistrationController(ComponentCatalogue catalogue, AccessControl access) {
		this.catalogue = catalogue;
		this.access = access;
	}

	/** The registration's body. */
	record Registration(@Nullable String nodeId, @Nullable String url) {
	}

	@PostMapping(path = "/api/downtime/nodes", consumes = "application/json")
	ResponseEntity<Void> register(@RequestBody Registration registration) {
		if (access.currentRole() != Role.SYSTEM) {
			throw new AccessDeniedException("Only system accounts register downtime nodes");
		}
		if (registration.nodeId() == null || registration.url() == null) {
			throw new InvalidInputException("A registration has a nodeId and a url");
		}
		URI url;
		try {
			url = new URI(registration.url().strip());
		}
		catch (URISyntaxException ex) {
			throw new InvalidInputException("The url is not a URL");
		}
		catalogue.registerNode(registration.nodeId().strip(), url);
		return ResponseEntity.noContent().build();
	}

}
