package dev.graspsync.engine;

/** Which events the relay accepts once their id and signature check out. */
public enum AcceptancePolicyKind {
  /** GRASP-01: repository announcements listing this relay, and what links to them. */
  GRASP,
  /** Every valid event. */
  OPEN
}
