package dev.graspsync.host.server;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Live subscriptions indexed so that fan-out of one event looks only at filters that could
 * match it, and at each distinct filter once. Subscribers with equal filters (thousands of
 * clients following one repository send the same REQ) share a group: the group's filter is
 * matched once per event, then every member is visited without further matching. Each group is
 * filed under its filter's most selective condition (ids, then a tag, then authors, then
 * kinds); a filter with none of them is filed under a key checked for every event.
 *
 * <p>Fan-out allocates nothing per subscriber: a subscriber reached through several of its
 * filters is visited once, told apart by the number of the event being fanned out rather than
 * by a set. Removal takes constant time per filter. Not thread safe: one index per server
 * verticle, used on its event loop.
 *
 * @param <T> the subscriber (compared by identity)
 */
public final class SubscriptionIndex<T> {
  /** Where filters with no indexable condition are filed: checked for every event. */
  private static final String EVERY_EVENT = "*";

  /** Subscribers whose filter is equal: matched once per event for all of them. */
  private static final class Group<T> {
    final Filter filter;
    final Collection<String> keys;
    final List<Member<T>> members = new ArrayList<>();
    /** The last event this group was looked at for. */
    long round = -1;

    Group(Filter filter, Collection<String> keys) {
      this.filter = filter;
      this.keys = keys;
    }
  }

  /** One filter of one subscriber, at {@code index} in its group (kept for constant-time removal). */
  private static final class Member<T> {
    final Subscriber<T> subscriber;
    final Group<T> group;
    int index;

    Member(Subscriber<T> subscriber, Group<T> group, int index) {
      this.subscriber = subscriber;
      this.group = group;
      this.index = index;
    }
  }

  private static final class Subscriber<T> {
    final T target;
    final List<Member<T>> memberships = new ArrayList<>(1);
    /** The last event this subscriber was visited for. */
    long round = -1;

    Subscriber(T target) {
      this.target = target;
    }
  }

  private final Map<String, List<Group<T>>> byKey = new HashMap<>();
  private final Map<Filter, Group<T>> groups = new HashMap<>();
  private final Map<T, Subscriber<T>> subscribers = new IdentityHashMap<>();
  private long round;

  /** Files every filter of {@code target}; replaces what was filed for it before. */
  public void add(T target, List<Filter> filters) {
    remove(target);
    Subscriber<T> subscriber = new Subscriber<>(target);
    for (Filter filter : filters) {
      Collection<String> keys = keysFor(filter);
      if (keys.isEmpty()) {
        continue; // matches nothing
      }
      Group<T> group = groups.computeIfAbsent(filter, f -> file(new Group<>(f, keys)));
      Member<T> member = new Member<>(subscriber, group, group.members.size());
      group.members.add(member);
      subscriber.memberships.add(member);
    }
    subscribers.put(target, subscriber);
  }

  public void remove(T target) {
    Subscriber<T> subscriber = subscribers.remove(target);
    if (subscriber == null) {
      return;
    }
    for (Member<T> member : subscriber.memberships) {
      List<Member<T>> members = member.group.members;
      Member<T> last = members.remove(members.size() - 1);
      if (last != member) {
        members.set(member.index, last);
        last.index = member.index;
      }
      if (members.isEmpty()) {
        unfile(member.group);
      }
    }
  }

  public int size() {
    return subscribers.size();
  }

  /** Visits every subscriber with a filter that matches the event, each once, in no set order. */
  public void forEachMatching(Event event, Consumer<T> visit) {
    long now = ++round;
    visitKey("i:" + event.id(), event, now, visit);
    visitKey("a:" + event.pubkey(), event, now, visit);
    visitKey("k:" + event.kind(), event, now, visit);
    for (List<String> tag : event.tags()) {
      if (tag.size() >= 2 && tag.get(0).length() == 1) {
        visitKey("t:" + tag.get(0) + ":" + tag.get(1), event, now, visit);
      }
    }
    visitKey(EVERY_EVENT, event, now, visit);
  }

  /** Every subscriber with a filter that matches the event, each once, in no set order. */
  public Set<T> matching(Event event) {
    Set<T> out = Collections.newSetFromMap(new IdentityHashMap<>());
    forEachMatching(event, out::add);
    return out;
  }

  private void visitKey(String key, Event event, long now, Consumer<T> visit) {
    List<Group<T>> filed = byKey.get(key);
    if (filed == null) {
      return;
    }
    // A visit may remove its subscriber (a slow consumer is cut): removal moves the group's last
    // member into the freed place and may unfile an emptied group, so positions are re-checked.
    int g = 0;
    while (g < filed.size()) {
      Group<T> group = filed.get(g);
      if (group.round != now) {
        group.round = now; // filed under several of this event's keys: looked at once
        if (group.filter.matches(event)) {
          visitMembers(group.members, now, visit);
        }
      }
      if (g < filed.size() && filed.get(g) == group) {
        g++;
      }
    }
  }

  private void visitMembers(List<Member<T>> members, long now, Consumer<T> visit) {
    int m = 0;
    while (m < members.size()) {
      Member<T> member = members.get(m);
      Subscriber<T> subscriber = member.subscriber;
      if (subscriber.round != now) {
        subscriber.round = now;
        visit.accept(subscriber.target);
      }
      if (m < members.size() && members.get(m) == member) {
        m++;
      }
    }
  }

  private Group<T> file(Group<T> group) {
    for (String key : group.keys) {
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(group);
    }
    return group;
  }

  private void unfile(Group<T> group) {
    groups.remove(group.filter);
    for (String key : group.keys) {
      List<Group<T>> filed = byKey.get(key);
      if (filed != null) {
        filed.remove(group);
        if (filed.isEmpty()) {
          byKey.remove(key);
        }
      }
    }
  }

  /**
   * The keys a filter is filed under. A present but empty set matches nothing, so such a
   * filter is filed nowhere.
   */
  private static Collection<String> keysFor(Filter f) {
    if (f.ids().isPresent()) {
      return prefixed("i:", f.ids().get());
    }
    if (!f.tags().isEmpty()) {
      Map.Entry<Character, Set<String>> narrowest = null;
      for (Map.Entry<Character, Set<String>> t : f.tags().entrySet()) {
        if (narrowest == null || t.getValue().size() < narrowest.getValue().size()) {
          narrowest = t;
        }
      }
      return prefixed("t:" + narrowest.getKey() + ":", narrowest.getValue());
    }
    if (f.authors().isPresent()) {
      return prefixed("a:", f.authors().get());
    }
    if (f.kinds().isPresent()) {
      return prefixed("k:", f.kinds().get());
    }
    return List.of(EVERY_EVENT);
  }

  private static Collection<String> prefixed(String prefix, Set<?> values) {
    Set<String> keys = new LinkedHashSet<>();
    for (Object v : values) {
      keys.add(prefix + v);
    }
    return keys;
  }
}
