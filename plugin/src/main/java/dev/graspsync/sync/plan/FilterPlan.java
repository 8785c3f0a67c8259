package dev.graspsync.sync.plan;

import dev.graspsync.nostr.event.Nip34;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.index.RepoRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The filters that fetch a set of items, each labelled with its {@link Layer}:
 *
 * <ul>
 *   <li>L1 ({@link SyncItem.Announcements}): {@code {"kinds":[30617,10317]}}.
 *   <li>State, per chunk of repository identifiers: {@code {"kinds":[30617,30618],"#d":[...]}}.
 *       Only {@code #d}: adding {@code authors} = owners would miss states that maintainers
 *       publish, and listing maintainers would trust what the announcement claims. The cost
 *       is fetching states of other people's repositories that share an identifier; the
 *       host's policy rejects those, and they are counted (and remembered as refused). The
 *       announcements of the same identifiers come with them: a maintainer's announcement
 *       that the host refused because it arrived before the announcement naming its author
 *       is fetched again when that one adds the maintainer's coordinate to the repository.
 *   <li>L2, per chunk of repository refs: three filters {@code #a}, {@code #A}, {@code #q}.
 *   <li>L3, per chunk of root event ids: three filters {@code #e}, {@code #E}, {@code #q}.
 * </ul>
 *
 * <p>A chunk holds at most {@code chunkSize} values ({@code filter-chunk-size}); values are
 * sorted so that the same items always give the same filters. Filters carry no {@code limit}
 * (the relay applies its own maximum, which paging deals with).
 */
public final class FilterPlan {
  private FilterPlan() {}

  public static List<LabelledFilter> forItems(ItemSet items, int chunkSize) {
    return forItems(items, chunkSize, OptionalLong.empty());
  }

  /** With {@code since} (unix seconds) on every filter when present: catch-up and consolidation. */
  public static List<LabelledFilter> forItems(ItemSet items, int chunkSize, OptionalLong since) {
    requirePositive(chunkSize);
    List<LabelledFilter> out = new ArrayList<>();
    if (items.announcements()) {
      out.add(announcements());
    }
    out.addAll(state(items.repos(), chunkSize));
    out.addAll(repos(items.repos(), chunkSize));
    out.addAll(roots(items.rootEvents(), chunkSize));
    if (since.isEmpty()) {
      return out;
    }
    long s = since.getAsLong();
    return out.stream().map(f -> f.withSince(s)).toList();
  }

  /** How many filters {@link #forItems} would build, without building them. */
  public static int count(ItemSet items, int chunkSize) {
    requirePositive(chunkSize);
    int identifiers = (int) items.repos().stream().map(RepoRef::identifier).distinct().count();
    return (items.announcements() ? 1 : 0)
        + chunks(identifiers, chunkSize)
        + 3 * chunks(items.repos().size(), chunkSize)
        + 3 * chunks(items.rootEvents().size(), chunkSize);
  }

  public static LabelledFilter announcements() {
    return new LabelledFilter(
        Layer.ANNOUNCEMENTS, Filter.builder().kinds(Nip34.REPO_ANNOUNCEMENT, Nip34.GRASP_SERVER_LIST).build());
  }

  public static List<LabelledFilter> state(Collection<RepoRef> repos, int chunkSize) {
    TreeSet<String> identifiers = new TreeSet<>();
    for (RepoRef r : repos) {
      identifiers.add(r.identifier());
    }
    List<LabelledFilter> out = new ArrayList<>();
    for (List<String> chunk : chunk(new ArrayList<>(identifiers), chunkSize)) {
      out.add(new LabelledFilter(
          Layer.STATE, Filter.builder().kinds(Nip34.REPO_ANNOUNCEMENT, Nip34.REPO_STATE).tag('d', chunk).build()));
    }
    return out;
  }

  public static List<LabelledFilter> repos(Collection<RepoRef> repos, int chunkSize) {
    List<String> refs = repos.stream().map(RepoRef::format).sorted().toList();
    List<LabelledFilter> out = new ArrayList<>();
    for (List<String> chunk : chunk(refs, chunkSize)) {
      for (char tag : new char[] {'a', 'A', 'q'}) {
        out.add(new LabelledFilter(Layer.REPO, Filter.builder().tag(tag, chunk).build()));
      }
    }
    return out;
  }

  public static List<LabelledFilter> roots(Collection<String> rootEventIds, int chunkSize) {
    List<String> ids = rootEventIds.stream().sorted().toList();
    List<LabelledFilter> out = new ArrayList<>();
    for (List<String> chunk : chunk(ids, chunkSize)) {
      for (char tag : new char[] {'e', 'E', 'q'}) {
        out.add(new LabelledFilter(Layer.ROOT, Filter.builder().tag(tag, chunk).build()));
      }
    }
    return out;
  }

  private static List<List<String>> chunk(List<String> values, int size) {
    List<List<String>> out = new ArrayList<>(chunks(values.size(), size));
    for (int i = 0; i < values.size(); i += size) {
      out.add(values.subList(i, Math.min(values.size(), i + size)));
    }
    return out;
  }

  private static int chunks(int n, int size) {
    return (n + size - 1) / size;
  }

  private static void requirePositive(int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be at least 1");
    }
  }
}
