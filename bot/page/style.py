"""The chat page's stylesheet: the ``pk-`` classes that :mod:`policykb.bot.page.render` writes, and the
narrow-screen rules for the tables."""

__all__ = ["CSS"]

CSS = """
.pk-msg { line-height: 1.7; max-width: 100%; overflow-wrap: anywhere; }
.pk-q { white-space: normal; overflow-wrap: anywhere; }
.pk-reading { color: #6b7280; font-size: .85em; margin-top: .2em; }
.pk-partial {
    display: inline-block; color: #4b5563; background: #f3f4f6; border: 1px solid #d1d5db; border-radius: 3px;
    font-size: .8em; padding: 0 6px; margin-bottom: .3em;
}
.pk-answer { margin-bottom: .5em; }
.pk-notfound {
    border-left: 4px solid #d97706; background: #fffbeb; color: #78350f; padding: .5em .8em;
    border-radius: 4px;
}
.pk-notfound strong { display: block; margin-bottom: .2em; }
.pk-sources summary, .pk-related summary { cursor: pointer; font-weight: 600; margin: .4em 0 .2em; }
.pk-related summary { font-weight: normal; color: #4b5563; }
.pk-grid { display: grid; grid-template-columns: minmax(0, 1fr); gap: .3em; }
.pk-card summary { cursor: pointer; list-style-position: inside; }
.pk-card {
    min-width: 0; overflow-wrap: anywhere;
    border: 1px solid #d1d5db; border-radius: 6px; padding: .35em .6em; background: #f9fafb;
    color: #111827; font-size: .9em; line-height: 1.55;
}
.pk-card-head { font-weight: 600; }
.pk-n { color: #2563eb; }
.pk-sec { color: #4b5563; font-size: .9em; }
.pk-row { margin: .15em 0; }
.pk-col { color: #4b5563; font-weight: 600; }
.pk-quote { margin: .25em 0 0; padding: .1em .5em; border-left: 3px solid #93c5fd; color: #111827; }
mark.pk-num { background: #fde68a; color: inherit; padding: 0 1px; border-radius: 2px; }
mark.pk-unit { background: #bfdbfe; color: inherit; padding: 0 1px; border-radius: 2px; }
mark.pk-own {
    background: #86efac; color: inherit; padding: 0 1px; border-radius: 2px; font-weight: 600;
}
.pk-hint { color: #6b7280; padding: .5em 0; }
.pk-unit-summary { margin-bottom: .6em; font-size: 1.05em; }
.pk-unit-block h3 { margin: .6em 0 .3em; }
.pk-unit-plan { border-top: 1px solid #e5e7eb; margin-top: .8em; padding-top: .4em; }
.pk-unit-plan-title { font-weight: 600; }
.pk-unit-block.pk-lead h3 { color: #15803d; }
.pk-unit-block.pk-co h3 { color: #1d4ed8; }
.pk-task { margin: .4em 0 .8em; }
.pk-task-title { font-weight: 600; }
.pk-tag {
    font-weight: normal; font-size: .85em; color: #92400e; background: #fef3c7; border-radius: 3px;
    padding: 0 4px;
}
.pk-tasktext { color: #374151; font-size: .92em; }
.pk-chart-title { font-weight: 600; margin-bottom: .3em; }
.pk-chart-plan { font-weight: 600; font-size: .88em; color: #374151; margin: .6em 0 .2em; }
.pk-deadline { color: #92400e; font-size: .9em; }
.pk-legend { font-size: .9em; margin-bottom: .4em; }
.pk-legend-note { color: #6b7280; margin-left: 1em; }
.pk-key {
    display: inline-block; width: 12px; height: 12px; vertical-align: middle; margin: 0 3px 0 8px;
    border-radius: 2px;
}
.pk-bars { max-height: 560px; overflow-y: auto; }
.pk-bar-row { display: flex; align-items: center; gap: 8px; margin: 3px 0; font-size: .88em; }
.pk-bar-label {
    flex: 0 0 min(15em, 40%); text-align: right; overflow: hidden; text-overflow: ellipsis;
    white-space: nowrap;
}
.pk-bar-track {
    flex: 1 1 auto; display: flex; height: 14px; background: #f3f4f6; border-radius: 3px;
    overflow: hidden;
}
.pk-bar { display: block; height: 100%; }
.pk-bar-lead { background: #16a34a; }
.pk-bar-co { background: #60a5fa; }
.pk-bar-num { flex: 0 0 4em; color: #374151; }
.pk-ok {
    color: #166534; background: #f0fdf4; border-left: 4px solid #16a34a; padding: .4em .7em;
    border-radius: 4px;
}
.pk-review {
    color: #92400e; background: #fffbeb; border-left: 4px solid #d97706; padding: .4em .7em;
    border-radius: 4px;
}
.pk-report { display: flex; flex-direction: column; gap: .4em; }
.pk-file { border: 1px solid #e5e7eb; border-radius: 6px; padding: .35em .7em; overflow-wrap: anywhere; }
.pk-file-copy { background: #f9fafb; }
.pk-outcome { font-weight: 600; }
.pk-file-added .pk-outcome, .pk-file-replaced .pk-outcome { color: #166534; }
.pk-file-copy .pk-outcome { color: #92400e; }
.pk-file-name { color: #4b5563; }
.pk-counts { color: #374151; font-size: .92em; }
.pk-warnings { margin: .2em 0 0 1.2em; color: #92400e; font-size: .92em; }
.pk-error {
    color: #991b1b; background: #fef2f2; border-left: 4px solid #dc2626; padding: .4em .7em;
    border-radius: 4px;
}
/* A phone: the question box shows without scrolling, and the wide tables keep only the columns that fit. */
@media (max-width: 640px) {
    /* every tab stays in the row (none behind Gradio's overflow menu): narrower tab buttons, and their hidden copies
       that Gradio measures to decide what fits */
    .tab-container button { padding-left: 6px !important; padding-right: 6px !important; min-width: 0 !important; }
    #pk-targets [data-col='1'], #pk-targets [data-testid='header-1'],
    #pk-targets [data-col='5'], #pk-targets [data-testid='header-5'],
    #pk-targets [data-col='7'], #pk-targets [data-testid='header-7'],
    #pk-targets [data-col='8'], #pk-targets [data-testid='header-8'],
    #pk-documents [data-col='1'], #pk-documents [data-testid='header-1'],
    #pk-documents [data-col='2'], #pk-documents [data-testid='header-2'],
    #pk-documents [data-col='4'], #pk-documents [data-testid='header-4'],
    #pk-documents [data-col='5'], #pk-documents [data-testid='header-5'],
    #pk-documents [data-col='8'], #pk-documents [data-testid='header-8'],
    #pk-documents [data-col='9'], #pk-documents [data-testid='header-9'] { display: none !important; }
    #pk-targets [data-col='0'], #pk-targets [data-testid='header-0'] {
        width: 106px !important; min-width: 106px !important; max-width: 106px !important;
    }
    #pk-targets [data-col='2'], #pk-targets [data-testid='header-2'] {
        width: 56px !important; min-width: 56px !important; max-width: 56px !important;
    }
    #pk-targets [data-col='3'], #pk-targets [data-testid='header-3'] {
        width: 44px !important; min-width: 44px !important; max-width: 44px !important;
    }
    #pk-targets [data-col='4'], #pk-targets [data-testid='header-4'] {
        width: 52px !important; min-width: 52px !important; max-width: 52px !important;
    }
    #pk-targets [data-col='6'], #pk-targets [data-testid='header-6'] {
        width: 66px !important; min-width: 66px !important; max-width: 66px !important;
    }
    #pk-documents [data-col='0'], #pk-documents [data-testid='header-0'] {
        width: 150px !important; min-width: 150px !important; max-width: 150px !important;
    }
    #pk-documents [data-col='3'], #pk-documents [data-testid='header-3'] {
        width: 90px !important; min-width: 90px !important; max-width: 90px !important;
    }
    #pk-documents [data-col='6'], #pk-documents [data-testid='header-6'] {
        width: 42px !important; min-width: 42px !important; max-width: 42px !important;
    }
    #pk-documents [data-col='7'], #pk-documents [data-testid='header-7'] {
        width: 42px !important; min-width: 42px !important; max-width: 42px !important;
    }
}
"""
