package continuum.scheduling.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import continuum.notifications.NotificationMessage;
import continuum.notifications.NotificationService;
import continuum.patients.PatientService;
import continuum.scheduling.Appointment;
import continuum.scheduling.AppointmentId;
import continuum.scheduling.AppointmentService;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /scheduling/appointments/{id}}: one appointment with its status, resources, who
 * booked it, who cancelled it and why, the rescheduling chain (every appointment it
 * replaces and that replaced it, with links), and the delivery status of each message
 * sent to the patient about it. Each appointment of the chain is read through the
 * service, so each read is audited.
 */
@Controller
class AppointmentController {

	/** A chain longer than this is cut off; a real one has a handful of links. */
	private static final int MAX_CHAIN = 20;

	private final AppointmentService appointments;

	private final PatientService patients;

	private final NotificationService notifications;

	private final AccessControl access;

	AppointmentController(AppointmentService appointments, PatientService patients, NotificationService notifications,
			AccessControl access) {
		this.appointments = appointments;
		this.patients = patients;
		this.notifications = notifications;
		this.access = access;
	}

	@GetMapping("/scheduling/appointments/{id}")
	String show(@PathVariable String id, Model model) {
		Appointment appointment = appointments.get(AppointmentId.of(id));
		List<Appointment> earlier = new ArrayList<>();
		Appointment at = appointment;
		while (at.replaces() != null && earlier.size() < MAX_CHAIN) {
			at = appointments.get(at.replaces());
			earlier.add(at);
		}
		Collections.reverse(earlier);
		List<Appointment> later = new ArrayList<>();
		at = appointment;
		while (at.replacedBy() != null && later.size() < MAX_CHAIN) {
			at = appointments.get(at.replacedBy());
			later.add(at);
		}
		String reference = "Appointment/" + appointment.id();
		List<NotificationMessage> messages = notifications.messagesFor(appointment.patient())
			.stream()
			.filter(m -> reference.equals(m.reference()))
			.toList();
		model.addAttribute("appointment", appointment);
		model.addAttribute("patient", patients.summary(appointment.patient()));
		model.addAttribute("earlier", earlier);
		model.addAttribute("later", later);
		model.addAttribute("messages", messages);
		model.addAttribute("mayUpdate", access.allows("Appointment", Interaction.UPDATE));
		model.addAttribute("mayCancel", access.allows("Appointment", Interaction.CREATE));
		model.addAttribute("show", Display.INSTANCE);
		return "scheduling/appointment";
	}

}
