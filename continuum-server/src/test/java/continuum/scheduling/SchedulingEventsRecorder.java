package continuum.scheduling;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Collects the scheduling events published while it is attached, as a listening module
 * would; attached to the shared test context at run time, so that the context's
 * configuration stays the same for every test class.
 */
class SchedulingEventsRecorder implements ApplicationListener<PayloadApplicationEvent<?>> {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final ConfigurableApplicationContext context;

	SchedulingEventsRecorder(ConfigurableApplicationContext context) {
		this.context = context;
		context.addApplicationListener(this);
	}

	void detach() {
		context.removeApplicationListener(this);
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<?> event) {
		Object payload = event.getPayload();
		if (payload instanceof AppointmentBooked || payload instanceof AppointmentCancelled
				|| payload instanceof AppointmentRescheduled) {
			events.add(payload);
		}
	}

	<T> List<T> of(Class<T> type) {
		return events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
