package continuum.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import continuum.patients.PatientId;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who is recorded for what: the patient's contact data is read by the system (so even a
 * caller who may not read demographics can trigger a message), the caller creates the
 * message, the system sends it; no address or text in any audit detail.
 */
class NotificationAuditIntegrationTests extends NotificationPeers {

	private long audited(String username, String action, String type, PatientId patient) {
		return jdbc
			.sql("select count(*) from audit_log where username = ? and action = ? and resource_type = ? "
					+ "and patient_id = ?")
			.params(username, action, type, patient.asString())
			.query(Long.class)
			.single();
	}

	@Test
	void contactDataIsReadByTheSystemTheMessageCreatedByTheCallerAndSentByTheSystem() {
		String phone = uniquePhone();
		PatientId patient = patient(null, phone, "nl");
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("127.0.0.9");
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null,
					List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		List<NotificationMessage> queued;
		try {
			queued = notifyCommitted(booked(patient, Instant.parse("2027-04-01T07:00:00Z"), "Oogziekten"));
			assertThat(SecurityContextHolder.getContext().getAuthentication().getName()).isEqualTo("admin");
			assertThat(RequestContextHolder.getRequestAttributes()).isNotNull();
		}
		finally {
			SecurityContextHolder.clearContext();
			RequestContextHolder.resetRequestAttributes();
		}
		// Before anything else reads the patient (the status polling below does, as the
		// system).
		assertThat(audited("system", "READ", "Patient", patient)).isEqualTo(1);
		assertThat(audited("admin", "READ", "Patient", patient)).isZero();
		assertThat(audited("admin", "CREATE", "Communication", patient)).isEqualTo(1);
		assertThat(queued).singleElement().satisfies(m -> assertThat(m.channel()).isEqualTo(DeliveryChannel.SMS));
		await().atMost(Duration.ofSeconds(20)).until(() -> message(queued.get(0).id()).status() == DeliveryStatus.SENT);
		await().atMost(Duration.ofSeconds(5)).until(() -> audited("system", "EXPORT", "Communication", patient) == 1);
		assertThat(jdbc.sql("select count(*) from audit_log where detail like ? or detail like ?")
			.params("%" + phone + "%", "%Oogziekten%")
			.query(Long.class)
			.single()).isZero();
	}

}
