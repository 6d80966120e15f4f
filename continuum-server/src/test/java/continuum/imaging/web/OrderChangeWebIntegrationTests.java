package continuum.imaging.web;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import continuum.ContinuumIntegrationTest;
import continuum.imaging.ImagingFixtures;
import continuum.imaging.ImagingOrder;
import continuum.imaging.ImagingOrderService;
import continuum.imaging.ImagingPriority;
import continuum.imaging.ProcedureStepService;
import continuum.imaging.StepStatus;
import continuum.web.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static continuum.lab.LabFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order page's change over HTTP: a physician moves an order not yet begun and raises
 * its priority; once its step has started the page offers no change and a posted one is
 * refused on the page (409) with nothing changed.
 */
@ContinuumIntegrationTest
class OrderChangeWebIntegrationTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	@LocalServerPort
	int port;

	@Autowired
	ImagingFixtures fixtures;

	@Autowired
	ImagingOrderService orders;

	@Autowired
	ProcedureStepService steps;

	@Test
	void aPhysicianChangesAnOrderUntilItsStepHasBegun() throws Exception {
		LocalDateTime day = LocalDateTime.now(ZONE).plusDays(3).withHour(10).withMinute(0).withSecond(0).withNano(0);
		ImagingOrder order = fixtures.order(fixtures.patient("Aerts", "Lore"), "XR-KNEE", day.atZone(ZONE).toInstant());
		WebSession physician = WebSession.signIn(port, "physician");
		String page = "/imaging/orders/" + order.id().asString();
		assertThat(physician.get(page).body()).contains("id=\"change-order\"", day.toString().substring(0, 16));

		HttpResponse<String> changed = physician.post(page + "/change",
				Map.of("start", day.withHour(14).toString(), "priority", "urgent", "reason", "swelling"));

		assertThat(changed.statusCode()).isEqualTo(302);
		ImagingOrder after = as("PHYSICIAN", () -> orders.get(order.id()));
		assertThat(after.priority()).isEqualTo(ImagingPriority.URGENT);
		assertThat(after.reason()).isEqualTo("swelling");
		assertThat(after.procedures().get(0).step().start()).isEqualTo(day.withHour(14).atZone(ZONE).toInstant());

		as("RADIOGRAPHER", () -> {
			steps.start(after.procedures().get(0).step().id(), null);
			return null;
		});
		assertThat(physician.get(page).body()).doesNotContain("id=\"change-order\"");
		HttpResponse<String> refused = physician.post(page + "/change",
				Map.of("start", day.withHour(16).toString(), "priority", "stat", "reason", "swelling"));

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("IN PROGRESS").doesNotContain("Exception");
		ImagingOrder kept = as("PHYSICIAN", () -> orders.get(order.id()));
		assertThat(kept.priority()).isEqualTo(ImagingPriority.URGENT);
		assertThat(kept.procedures().get(0).step().start()).isEqualTo(after.procedures().get(0).step().start());
		assertThat(kept.procedures().get(0).step().status()).isEqualTo(StepStatus.IN_PROGRESS);
	}

}
