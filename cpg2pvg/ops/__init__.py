"""Operating the service: the CLI, the local stack and its servers, schedule sync.

Above the ground of cpg2pvg/ (settings, contracts, lifecycle, codec, signing, text
checks): these use the database, the workflows and Temporal; nothing below imports them.
"""
