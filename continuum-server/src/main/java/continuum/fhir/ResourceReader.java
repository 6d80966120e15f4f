package continuum.fhir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;

/**
 * Reads a resource inside the server as {@code GET [type]/[id]} would, through the read
 * method of the module's own provider (HAPI's {@code @Read}), so that the module's
 * service checks the caller's rights and audits the read exactly as for a client; for
 * work that follows changes and must see what a client would (subscriptions). Errors are
 * the provider's: a not-found, a refusal ({@code AccessDeniedException}) or a gone
 * resource reach the caller as they are.
 */
@Component
public class ResourceReader {

	private final ObjectProvider<IResourceProvider> providers;

	private volatile @Nullable Map<String, Reader> readers;

	ResourceReader(ObjectProvider<IResourceProvider> providers) {
		this.providers = providers;
	}

	/** Whether a provider offers reads of the type. */
	public boolean reads(String resourceType) {
		return readers().containsKey(resourceType);
	}

	/** The resource, or empty when no provider reads the type. */
	public Optional<IBaseResource> read(String resourceType, String id) {
		Reader reader = readers().get(resourceType);
		return reader == null ? Optional.empty() : Optional.of(reader.read(new IdType(resourceType, id)));
	}

	private Map<String, Reader> readers() {
		Map<String, Reader> known = readers;
		if (known == null) {
			Map<String, Reader> found = new HashMap<>();
			List<IResourceProvider> all = providers.orderedStream().toList();
			for (IResourceProvider provider : all) {
				String type = provider.getResourceType().getSimpleName();
				for (Method method : AopUtils.getTargetClass(provider).getMethods()) {
					if (AnnotatedElementUtils.hasAnnotation(method, Read.class)) {
						found.put(type, new Reader(provider, method));
					}
				}
			}
			known = Map.copyOf(found);
			readers = known;
		}
		return known;
	}

	private record Reader(Object provider, Method method) {

		IBaseResource read(IdType id) {
			Class<?>[] types = method.getParameterTypes();
			Object[] arguments = new Object[types.length];
			for (int i = 0; i < types.length; i++) {
				if (types[i].isAssignableFrom(IdType.class)) {
					arguments[i] = id;
				}
				else if (types[i].isAssignableFrom(SystemRequestDetails.class)
						|| RequestDetails.class.isAssignableFrom(types[i])) {
					arguments[i] = new SystemRequestDetails();
				}
			}
			try {
				return (IBaseResource) method.invoke(provider, arguments);
			}
			catch (InvocationTargetException ex) {
				if (ex.getCause() instanceof RuntimeException failure) {
					throw failure;
				}
				throw new IllegalStateException("Reading " + id.getValue() + " failed", ex.getCause());
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException("Cannot call the read of " + id.getResourceType(), ex);
			}
		}

	}

}
