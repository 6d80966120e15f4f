package continuum.imaging;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import continuum.lab.LabFixtures;
import continuum.patients.Address;
import continuum.patients.Gender;
import continuum.patients.PatientData;
import continuum.patients.PatientId;
import continuum.patients.PatientService;
import continuum.scheduling.AppointmentType;
import continuum.scheduling.AvailabilityService;
import continuum.scheduling.BookingOption;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Builds what an imaging test needs through the services, as the role that does it: a
 * fresh patient with a given name, an order, the next free time on a modality's schedule.
 */
@Component
public class ImagingFixtures {

	private final PatientService patients;

	private final ImagingOrderService orders;

	private final AvailabilityService availability;

	public ImagingFixtures(PatientService patients, ImagingOrderService orders, AvailabilityService availability) {
		this.patients = patients;
		this.orders = orders;
		this.availability = availability;
	}

	public PatientId patient(String family, String given) {
		return LabFixtures.as("PHYSICIAN",
				() -> patients
					.register(new PatientData(List.of(), family, List.of(given), null, LocalDate.of(1961, 3, 9),
							Gender.FEMALE, Address.NONE, null, null, "nl", false))
					.id());
	}

	public ImagingOrder order(PatientId patient, String code, @Nullable Instant start) {
		return LabFixtures.as("PHYSICIAN", () -> orders.place(NewImagingOrder.fromChart(patient,
				List.of(new NewImagingOrder.Wish(code, start)), ImagingPriority.ROUTINE, "pain")));
	}

	/** Free times of the type on the Radiology schedules, from a day ahead. */
	public List<BookingOption> freeTimes(AppointmentType type, int limit) {
		Instant from = Instant.now().plus(Duration.ofDays(1));
		return LabFixtures.as("SCHEDULER",
				() -> availability.options(type, "Radiology", from, from.plus(Duration.ofDays(30)), limit));
	}

}
