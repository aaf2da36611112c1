package org.billrun.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Gauges whose values billrun sets (or adds to, from several partition threads) at the end of a
 * step or a run. Micrometer keeps gauges by weak reference; these hold their values strongly.
 */
final class Gauges {

    private record Key(String name, Tags tags) {}

    private final MeterRegistry registry;
    private final Map<Key, DoubleAdder> values = new ConcurrentHashMap<>();

    Gauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void add(String name, String description, Tags tags, double amount) {
        values.computeIfAbsent(new Key(name, tags), key -> register(key, description)).add(amount);
    }

    void set(String name, String description, Tags tags, double value) {
        DoubleAdder adder = values.computeIfAbsent(new Key(name, tags), key -> register(key, description));
        adder.reset();
        adder.add(value);
    }

    private DoubleAdder register(Key key, String description) {
        DoubleAdder value = new DoubleAdder();
        Gauge.builder(key.name(), value, DoubleAdder::sum).description(description).tags(key.tags()).strongReference(true)
                .register(registry);
        return value;
    }
}
