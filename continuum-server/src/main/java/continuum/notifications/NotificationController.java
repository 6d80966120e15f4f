package continuum.notifications;

import java.util.List;

import continuum.patients.PatientId;
import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/notifications?patient={id}}: the delivery status of every message
 * queued for a patient (JSON, no recipient and no text), for schedulers and the UI.
 * Access and audit are the service's; a missing or malformed id is a 422 ProblemDetail,
 * an unknown patient a 404.
 */
@RestController
class NotificationController {

	private final NotificationService notifications;

	NotificationController(NotificationService notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/api/notifications")
	List<NotificationMessage> messages(@RequestParam(required = false) @Nullable String patient) {
		if (patient == null || patient.isBlank()) {
			throw new InvalidInputException("The patient parameter is required");
		}
		return notifications.messagesFor(PatientId.of(patient));
	}

}
