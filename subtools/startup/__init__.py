"""What subtools does to start fast (issue 14): ``subtools convert`` runs in editors' hooks
and scripts, one process a file, so work done at import is paid on every file.

``patterns`` keeps the parser's regular expressions compiled between runs; ``records`` builds
the frozen value classes of the model and the options, compiling one method of each instead
of six, and keeps those compiled too; ``cache`` holds the files both keep.
"""
