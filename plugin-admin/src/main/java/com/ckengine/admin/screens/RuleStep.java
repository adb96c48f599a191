package com.ckengine.admin.screens;

import com.ckengine.api.RuleDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a New Rule / Edit Rule form stands after a post: the step to show with its choices and
 * errors, or the saved rule.
 */
public final class RuleStep {
  /** One choice of a select or checkbox list. */
  public static final class Option {
    private final String value;
    private final String label;
    private final boolean selected;

    Option(String value, String label, boolean selected) {
      this.value = value;
      this.label = label;
      this.selected = selected;
    }

    public String getValue() {
      return value;
    }

    public String getLabel() {
      return label;
    }

    public boolean isSelected() {
      return selected;
    }
  }

  private final int step;
  private final RuleForm form;
  private final FieldErrors errors;
  private final RuleDefinition saved;
  private final String notice;
  final List<Option> triggers = new ArrayList<Option>();
  final List<Option> integrations = new ArrayList<Option>();
  final List<Option> actions = new ArrayList<Option>();
  final List<Option> tags = new ArrayList<Option>();
  String triggerName;
  String integrationName;
  String actionName;
  boolean usesTags = true;

  /** For Add Subscriber To Form / To Sequence: "form" or "sequence"; null for other kinds. */
  String targetWord;

  /** The account's forms or sequences (as last fetched) to pick one from. */
  final List<Option> targets = new ArrayList<Option>();

  String tagsRefreshedAt;

  RuleStep(int step, RuleForm form, FieldErrors errors, RuleDefinition saved, String notice) {
    this.step = step;
    this.form = form;
    this.errors = errors;
    this.saved = saved;
    this.notice = notice;
  }

  public int getStep() {
    return step;
  }

  public RuleForm getForm() {
    return form;
  }

  public FieldErrors getErrors() {
    return errors;
  }

  /** The rule as stored, once saved; null while steps remain. */
  public RuleDefinition saved() {
    return saved;
  }

  public boolean isSaved() {
    return saved != null;
  }

  /** A remark for the operator (e.g. tags refreshed), or null. */
  public String getNotice() {
    return notice;
  }

  public List<Option> getTriggers() {
    return Collections.unmodifiableList(triggers);
  }

  public List<Option> getIntegrations() {
    return Collections.unmodifiableList(integrations);
  }

  public List<Option> getActions() {
    return Collections.unmodifiableList(actions);
  }

  public List<Option> getTags() {
    return Collections.unmodifiableList(tags);
  }

  public String getTriggerName() {
    return triggerName;
  }

  public String getIntegrationName() {
    return integrationName;
  }

  public String getActionName() {
    return actionName;
  }

  public boolean isUsesTags() {
    return usesTags;
  }

  /** True when the action subscribes to a form or a sequence picked at step 3. */
  public boolean isUsesTarget() {
    return targetWord != null;
  }

  /** "form" or "sequence"; null when the action takes neither. */
  public String getTargetWord() {
    return targetWord;
  }

  /**
   * What Kit starts for a customer added to the picked form or sequence, for the step's help; null
   * when the action takes neither.
   */
  public String getTargetStarts() {
    return TargetNames.whatKitStarts(targetWord);
  }

  public List<Option> getTargets() {
    return Collections.unmodifiableList(targets);
  }

  public String getTagsRefreshedAt() {
    return tagsRefreshedAt;
  }

  public boolean isEditing() {
    return form.getRuleId() != null;
  }
}
